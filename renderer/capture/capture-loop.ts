/**
 * Feeds the USB cameras to the core. The core says which cameras to open (`capture.plan`: device, resolution,
 * frame rate per camera) and says again when the list changes (`cameras.changed`); this page runs one feed per
 * camera. A feed opens its device with getUserMedia, grabs frames at the camera's rate, has them encoded as JPEG
 * off the UI thread (frame-encoder.ts) and sends the bytes with `camera.pushFrame`, named by camera id
 * (camera-frame.ts). Any failure (no camera, permission denied, unplugged) is reported with `camera.reportError`
 * and retried every few seconds or as soon as a device is plugged in, so replugging brings the camera back.
 *
 * Only one frame per feed is in flight at a time: when the core is slower than the camera, frames are skipped here
 * instead of queueing up (a queued frame is already stale). The page also tells the core which cameras it can see,
 * for the admin window's device picker.
 */
import type { CapturePlanEntry } from '../../electron/contract/dto.js';
import { wrapCameraFrame } from '../../electron/contract/camera-frame.js';
import type { KioskClient } from '../shared/api/client.js';
import { chooseDevice, describeCameraError } from './choose-device.js';
import { createFrameEncoder, type FrameEncoder } from './frame-encoder.js';
import { newFeed, type CaptureState, type FeedState } from './store.js';
import type { StoreApi } from 'zustand/vanilla';

export interface CaptureOptions {
  /** At most this many frames per second per camera are sent, whatever the camera's own rate. */
  readonly maxFps: number;
  /** JPEG quality of the encoder. */
  readonly jpegQuality: number;
  /** Wait before reopening a camera after a failure. */
  readonly retryMs: number;
}

export const DEFAULT_CAPTURE_OPTIONS: CaptureOptions = { maxFps: 10, jpegQuality: 0.85, retryMs: 3000 };

function videoConstraints(deviceId: string | null, mode: CapturePlanEntry['mode']): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      width: { ideal: mode.width },
      height: { ideal: mode.height },
      frameRate: { ideal: mode.fps },
      ...(deviceId === null ? {} : { deviceId: { exact: deviceId } }),
    },
  };
}

async function videoDevices(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** Opens the wanted camera; returns the stream and a note when the wanted one was not found. */
async function openCamera(entry: CapturePlanEntry): Promise<{ stream: MediaStream; note: string | null }> {
  const { device: wanted, mode } = entry;
  const first = chooseDevice(await videoDevices(), wanted);
  if (first.kind === 'default')
    return { stream: await navigator.mediaDevices.getUserMedia(videoConstraints(null, mode)), note: null };
  if (first.kind === 'device')
    return { stream: await navigator.mediaDevices.getUserMedia(videoConstraints(first.deviceId, mode)), note: null };
  // Labels are hidden until the page has camera permission: open the default camera, then look again.
  const stream = await navigator.mediaDevices.getUserMedia(videoConstraints(null, mode));
  const second = chooseDevice(await videoDevices(), wanted);
  if (second.kind !== 'device') {
    return { stream, note: `No camera matches "${wanted}"; using the default camera.` };
  }
  const openedId = stream.getVideoTracks()[0]?.getSettings().deviceId;
  if (openedId === second.deviceId) return { stream, note: null };
  stopStream(stream);
  return { stream: await navigator.mediaDevices.getUserMedia(videoConstraints(second.deviceId, mode)), note: null };
}

interface Feed {
  readonly entry: CapturePlanEntry;
  stop(): void;
}

export function startCapture(
  client: KioskClient<'capture'>,
  store: StoreApi<CaptureState>,
  options: CaptureOptions = DEFAULT_CAPTURE_OPTIONS,
): () => void {
  let stopped = false;
  const feeds = new Map<string, Feed>();
  const encoder = createFrameEncoder();
  /** Wakes every feed waiting to retry (a camera was plugged in). */
  const retryWakers = new Set<() => void>();
  let wakePlan: (() => void) | null = null;

  const onDeviceChange = (): void => {
    for (const wake of [...retryWakers]) wake();
    void reportDevices();
  };
  navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);
  const stopListening = client.on('cameras.changed', () => wakePlan?.());

  function patchFeed(cameraId: string, patch: Partial<FeedState>): void {
    store.setState((state) => {
      const feed = state.feeds[cameraId];
      return feed ? { feeds: { ...state.feeds, [cameraId]: { ...feed, ...patch } } } : {};
    });
  }

  /** Waits `ms`, or less when a camera is plugged in. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = window.setTimeout(done, ms);
      function done(): void {
        window.clearTimeout(timer);
        retryWakers.delete(done);
        resolve();
      }
      retryWakers.add(done);
    });
  }

  async function reportDevices(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const devices = (await videoDevices()).map((d) => ({
      deviceId: d.deviceId.slice(0, 500),
      label: d.label.slice(0, 200),
    }));
    await client.call('capture.reportDevices', { devices: devices.slice(0, 32) });
  }

  function startFeed(entry: CapturePlanEntry): Feed {
    let feedStopped = false;
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    let lastReport: { message: string; at: number } | null = null;
    const show = (patch: Partial<FeedState>): void => patchFeed(entry.cameraId, patch);
    const isStopped = (): boolean => stopped || feedStopped;

    /** Shows the problem and tells the core; the same sentence is repeated at most every 30 s, not every retry. */
    async function report(message: string): Promise<void> {
      show({ phase: 'retrying', message: `${message} Trying again in ${Math.round(options.retryMs / 1000)} s…` });
      const now = Date.now();
      if (lastReport !== null && lastReport.message === message && now - lastReport.at < 30_000) return;
      const result = await client.call('camera.reportError', {
        message: message.slice(0, 500),
        cameraId: entry.cameraId,
      });
      // Only a delivered report counts: after a core restart the same sentence must be sent again.
      lastReport = result.ok ? { message, at: now } : null;
    }

    /** Sends frames until the track ends or the feed stops; resolves with the reason it ended. */
    function pump(stream: MediaStream, label: string, encoderFor: FrameEncoder): Promise<string> {
      const fps = Math.min(options.maxFps, entry.mode.fps);
      return new Promise((resolve) => {
        const track = stream.getVideoTracks()[0];
        let inFlight = false;
        let lastShown = 0;
        const finish = (reason: string): void => {
          window.clearInterval(timer);
          track?.removeEventListener('ended', onEnded);
          resolve(reason);
        };
        const onEnded = (): void => finish(`The camera "${label}" was unplugged or stopped sending video.`);
        track?.addEventListener('ended', onEnded);

        async function sendOne(): Promise<void> {
          const jpeg = await encoderFor.encode(video, options.jpegQuality);
          if (jpeg === null || isStopped()) return;
          const result = await client.call('camera.pushFrame', { jpeg: wrapCameraFrame(entry.cameraId, jpeg) });
          const feed = store.getState().feeds[entry.cameraId];
          if (!feed) return;
          const counts = {
            framesSent: feed.framesSent + (result.ok && result.value.accepted ? 1 : 0),
            framesSkipped: feed.framesSkipped + (result.ok && !result.value.accepted ? 1 : 0),
            framesFailed: feed.framesFailed + (result.ok ? 0 : 1),
          };
          // Counters change with every frame; the sentence only when it says something new (at most once a second).
          const now = Date.now();
          if (now - lastShown < 1000) {
            show(counts);
            return;
          }
          lastShown = now;
          show({
            ...counts,
            phase: 'running',
            message: result.ok
              ? `Sending ${fps} frames a second from "${label}" (${video.videoWidth}×${video.videoHeight}).`
              : `Camera "${label}" is open, but the kiosk core is not taking frames: ${result.error.message}`,
          });
        }

        const timer = window.setInterval(
          () => {
            if (isStopped()) return finish('stopped');
            if (inFlight || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
            inFlight = true;
            sendOne()
              .catch((error: unknown) => console.warn('[capture] frame failed', error))
              .finally(() => {
                inFlight = false;
              });
          },
          Math.round(1000 / fps),
        );
      });
    }

    async function run(): Promise<void> {
      while (!isStopped()) {
        if (!navigator.mediaDevices?.getUserMedia) {
          await report(
            'This window cannot use cameras (no media devices API; the page must be served from a secure origin).',
          );
          await pause(options.retryMs);
          continue;
        }
        show({
          phase: 'opening',
          message: `Opening ${entry.device === '' ? 'the default camera' : `camera "${entry.device}"`}…`,
        });
        let stream: MediaStream;
        let note: string | null;
        try {
          ({ stream, note } = await openCamera(entry));
        } catch (error) {
          await report(describeCameraError(error, entry.device));
          await pause(options.retryMs);
          continue;
        }
        if (isStopped()) {
          stopStream(stream);
          return;
        }
        void reportDevices();
        const label = stream.getVideoTracks()[0]?.label || entry.device || 'default camera';
        video.srcObject = stream;
        try {
          await video.play();
        } catch (error) {
          stopStream(stream);
          await report(
            `The camera "${label}" opened but its video would not play (${error instanceof Error ? error.message : String(error)}).`,
          );
          await pause(options.retryMs);
          continue;
        }
        lastReport = null;
        show({
          phase: 'running',
          message: note ?? `Camera "${label}" is open; sending frames…`,
          deviceLabel: label,
          stream,
        });
        const reason = await pump(stream, label, encoder);
        stopStream(stream);
        video.srcObject = null;
        show({ stream: null });
        if (isStopped()) return;
        await report(reason);
        await pause(options.retryMs);
      }
    }

    void run();
    return {
      entry,
      stop() {
        feedStopped = true;
        const stream = store.getState().feeds[entry.cameraId]?.stream;
        if (stream) stopStream(stream);
      },
    };
  }

  /** Makes the running feeds match the core's plan: new cameras start, removed or changed ones stop. */
  function applyPlan(plan: readonly CapturePlanEntry[]): void {
    const wanted = new Map(plan.map((entry) => [entry.cameraId, entry]));
    for (const [id, feed] of [...feeds]) {
      const next = wanted.get(id);
      if (next !== undefined && JSON.stringify(next) === JSON.stringify(feed.entry)) continue;
      feed.stop();
      feeds.delete(id);
      store.setState((state) => {
        const rest = { ...state.feeds };
        delete rest[id];
        return { feeds: rest };
      });
    }
    for (const entry of plan) {
      if (feeds.has(entry.cameraId)) continue;
      store.setState((state) => ({ feeds: { ...state.feeds, [entry.cameraId]: newFeed(entry.cameraId, entry.name) } }));
      feeds.set(entry.cameraId, startFeed(entry));
    }
  }

  async function planLoop(): Promise<void> {
    while (!stopped) {
      const plan = await client.call('capture.plan', {});
      if (!plan.ok) {
        store.setState({ phase: 'retrying', message: `Waiting for the kiosk core: ${plan.error.message}` });
      } else if (plan.value.length === 0) {
        applyPlan([]);
        store.setState({
          phase: 'idle',
          message: 'No USB camera is configured or switched on; this window has nothing to do right now.',
        });
      } else {
        applyPlan(plan.value);
        store.setState({
          phase: 'running',
          message: `Feeding ${plan.value.length} USB camera${plan.value.length === 1 ? '' : 's'} to the kiosk.`,
        });
      }
      // Asked again when the camera list changes, and now and then (a restarted core, a missed event).
      await new Promise<void>((resolve) => {
        const timer = window.setTimeout(done, plan.ok ? 30_000 : options.retryMs);
        function done(): void {
          window.clearTimeout(timer);
          wakePlan = null;
          resolve();
        }
        wakePlan = done;
      });
    }
  }

  void reportDevices().catch(() => undefined);
  void planLoop();

  return () => {
    stopped = true;
    wakePlan?.();
    for (const wake of [...retryWakers]) wake();
    navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
    stopListening();
    for (const feed of feeds.values()) feed.stop();
    encoder.close();
  };
}
