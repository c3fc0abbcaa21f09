/**
 * Feeds the USB camera to the core: opens the configured device with getUserMedia, grabs ~6 frames a second
 * onto a canvas, encodes them as JPEG and sends the bytes with `camera.pushFrame`. Any failure (no camera,
 * permission denied, unplugged) is reported with `camera.reportError` and retried every few seconds, so
 * replugging the camera brings it back without touching the PC.
 *
 * Only one frame is in flight at a time: when the core is slower than the camera, frames are skipped here
 * instead of queueing up (a queued frame is already stale).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { chooseDevice, describeCameraError } from './choose-device.js';
import type { CaptureState } from './store.js';

export interface CaptureOptions {
  /** Frames per second sent to the core. */
  readonly fps: number;
  /** JPEG quality passed to canvas.toBlob. */
  readonly jpegQuality: number;
  /** Wait before reopening the camera after a failure. */
  readonly retryMs: number;
}

export const DEFAULT_CAPTURE_OPTIONS: CaptureOptions = { fps: 6, jpegQuality: 0.85, retryMs: 3000 };

function videoConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      width: { ideal: 640 },
      height: { ideal: 480 },
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
async function openCamera(wanted: string): Promise<{ stream: MediaStream; note: string | null }> {
  const first = chooseDevice(await videoDevices(), wanted);
  if (first.kind === 'default')
    return { stream: await navigator.mediaDevices.getUserMedia(videoConstraints(null)), note: null };
  if (first.kind === 'device')
    return { stream: await navigator.mediaDevices.getUserMedia(videoConstraints(first.deviceId)), note: null };
  // Labels are hidden until the page has camera permission: open the default camera, then look again.
  const stream = await navigator.mediaDevices.getUserMedia(videoConstraints(null));
  const second = chooseDevice(await videoDevices(), wanted);
  if (second.kind !== 'device') {
    return { stream, note: `No camera matches "${wanted}"; using the default camera.` };
  }
  const openedId = stream.getVideoTracks()[0]?.getSettings().deviceId;
  if (openedId === second.deviceId) return { stream, note: null };
  stopStream(stream);
  return { stream: await navigator.mediaDevices.getUserMedia(videoConstraints(second.deviceId)), note: null };
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

export function startCapture(
  client: KioskClient<'capture'>,
  store: StoreApi<CaptureState>,
  options: CaptureOptions = DEFAULT_CAPTURE_OPTIONS,
): () => void {
  let stopped = false;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  const canvas = document.createElement('canvas');
  let wakeRetry: (() => void) | null = null;
  const onDeviceChange = (): void => wakeRetry?.();
  navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);

  function show(patch: Partial<CaptureState>): void {
    store.setState(patch);
  }

  /** Waits `ms`, or less when a camera is plugged in (devicechange). */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = window.setTimeout(done, ms);
      function done(): void {
        window.clearTimeout(timer);
        wakeRetry = null;
        resolve();
      }
      wakeRetry = done;
    });
  }

  let lastReport: { message: string; at: number } | null = null;

  /** Shows the problem and tells the core; the same sentence is repeated at most every 30 s, not every retry. */
  async function report(message: string): Promise<void> {
    show({ phase: 'retrying', message: `${message} Trying again in ${Math.round(options.retryMs / 1000)} s…` });
    const now = Date.now();
    if (lastReport !== null && lastReport.message === message && now - lastReport.at < 30_000) return;
    const result = await client.call('camera.reportError', { message: message.slice(0, 500) });
    // Only a delivered report counts: after a core restart the same sentence must be sent again.
    lastReport = result.ok ? { message, at: now } : null;
  }

  /** Sends frames until the track ends or capture stops; resolves with the reason it ended. */
  function pump(stream: MediaStream, label: string): Promise<string> {
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
        const width = video.videoWidth;
        const height = video.videoHeight;
        if (width === 0 || height === 0) return;
        if (canvas.width !== width) canvas.width = width;
        if (canvas.height !== height) canvas.height = height;
        canvas.getContext('2d')?.drawImage(video, 0, 0, width, height);
        const blob = await toJpeg(canvas, options.jpegQuality);
        if (!blob || stopped) return;
        const jpeg = new Uint8Array(await blob.arrayBuffer());
        const result = await client.call('camera.pushFrame', { jpeg });
        const state = store.getState();
        const counts = {
          framesSent: state.framesSent + (result.ok && result.value.accepted ? 1 : 0),
          framesSkipped: state.framesSkipped + (result.ok && !result.value.accepted ? 1 : 0),
          framesFailed: state.framesFailed + (result.ok ? 0 : 1),
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
            ? `Sending ${options.fps} frames a second from "${label}" (${width}×${height}).`
            : `Camera "${label}" is open, but the kiosk core is not taking frames: ${result.error.message}`,
        });
      }

      const timer = window.setInterval(
        () => {
          if (stopped) return finish('stopped');
          if (inFlight || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
          inFlight = true;
          sendOne()
            .catch((error: unknown) => console.warn('[capture] frame failed', error))
            .finally(() => {
              inFlight = false;
            });
        },
        Math.round(1000 / options.fps),
      );
    });
  }

  async function run(): Promise<void> {
    while (!stopped) {
      show({ phase: 'starting', message: 'Asking the kiosk core which camera to use…' });
      const info = await client.call('app.info', {});
      if (!info.ok) {
        show({ phase: 'retrying', message: `Waiting for the kiosk core: ${info.error.message}` });
        await pause(options.retryMs);
        continue;
      }
      const camera = info.value.camera;
      if (camera.kind !== 'usb') {
        show({
          phase: 'idle',
          message: `The kiosk reads its camera from a ${camera.kind === 'mjpeg-url' ? 'network stream' : 'file'}, not a USB camera; this window has nothing to do.`,
        });
        // Check again now and then: the configuration may change with a restart of the core.
        await pause(30_000);
        continue;
      }
      if (!navigator.mediaDevices?.getUserMedia) {
        await report(
          'This window cannot use cameras (no media devices API; the page must be served from a secure origin).',
        );
        await pause(options.retryMs);
        continue;
      }

      show({
        phase: 'opening',
        message: `Opening ${camera.device === '' ? 'the default camera' : `camera "${camera.device}"`}…`,
      });
      let stream: MediaStream;
      let note: string | null;
      try {
        ({ stream, note } = await openCamera(camera.device));
      } catch (error) {
        await report(describeCameraError(error, camera.device));
        await pause(options.retryMs);
        continue;
      }
      if (stopped) {
        stopStream(stream);
        return;
      }
      const label = stream.getVideoTracks()[0]?.label || camera.device || 'default camera';
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
      const reason = await pump(stream, label);
      stopStream(stream);
      video.srcObject = null;
      show({ stream: null });
      if (stopped) return;
      await report(reason);
      await pause(options.retryMs);
    }
  }

  void run();

  return () => {
    stopped = true;
    wakeRetry?.();
    navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
    const stream = store.getState().stream;
    if (stream) stopStream(stream);
  };
}
