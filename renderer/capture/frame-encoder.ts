/**
 * Turns the current video frame into JPEG bytes without blocking the capture window: the frame is grabbed as an
 * ImageBitmap and transferred to a worker that encodes it; the JPEG's buffer is transferred back. Where workers or
 * OffscreenCanvas are unavailable (or the worker fails to load) it falls back to canvas.toBlob, which Chromium also
 * encodes off the main thread.
 */

export interface FrameEncoder {
  /** JPEG bytes of the video's current frame, or null when there is no frame yet. */
  encode(video: HTMLVideoElement, quality: number): Promise<Uint8Array | null>;
  close(): void;
}

interface EncodeReply {
  readonly id: number;
  readonly buffer?: ArrayBuffer;
  readonly error?: string;
}

const WORKER_URL = '/capture/frame-encoder.js';

function canvasEncoder(): FrameEncoder {
  const canvas = document.createElement('canvas');
  return {
    async encode(video, quality) {
      const { videoWidth: width, videoHeight: height } = video;
      if (width === 0 || height === 0) return null;
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      canvas.getContext('2d')?.drawImage(video, 0, 0, width, height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
    },
    close() {},
  };
}

export function createFrameEncoder(): FrameEncoder {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return canvasEncoder();
  let worker: Worker | null;
  try {
    worker = new Worker(WORKER_URL);
  } catch {
    return canvasEncoder();
  }
  const fallback = canvasEncoder();
  const pending = new Map<number, (reply: EncodeReply) => void>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<EncodeReply>) => {
    const settle = pending.get(event.data.id);
    pending.delete(event.data.id);
    settle?.(event.data);
  };
  worker.onerror = () => {
    // The worker script did not load: encode on the page from now on.
    worker?.terminate();
    worker = null;
    for (const settle of pending.values()) settle({ id: 0, error: 'encoder worker failed' });
    pending.clear();
  };
  return {
    async encode(video, quality) {
      if (worker === null) return fallback.encode(video, quality);
      if (video.videoWidth === 0 || video.videoHeight === 0) return null;
      const bitmap = await createImageBitmap(video);
      const id = nextId++;
      const reply = await new Promise<EncodeReply>((resolve) => {
        pending.set(id, resolve);
        worker?.postMessage({ id, bitmap, quality }, [bitmap]);
      });
      if (reply.buffer) return new Uint8Array(reply.buffer);
      return worker === null ? fallback.encode(video, quality) : null;
    },
    close() {
      worker?.terminate();
      worker = null;
    },
  };
}
