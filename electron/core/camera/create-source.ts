/**
 * Turns a parsed camera spec into its source. The USB source is returned as a PushSource (narrow
 * on `kind === 'usb'`) because the capture window needs its push()/reportError().
 */
import { missingCaseError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { CameraSpec } from './camera-spec.js';
import { MjpegFileSource } from './mjpeg-file-source.js';
import { MjpegHttpSource } from './mjpeg-http-source.js';
import type { BackoffOptions } from './reconnection.js';
import { FfmpegSource } from './ffmpeg-source.js';
import { PushSource } from './push-source.js';
import { Y4mFileSource } from './y4m-file-source.js';

export type AnyCameraSource = PushSource | MjpegHttpSource | MjpegFileSource | FfmpegSource | Y4mFileSource;

export interface CreateSourceOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Playback rate of a file, poll rate of a snapshot URL. Default 15. */
  readonly fps?: number;
  /** No frame for this long means stalled (USB and HTTP). Default 5000 ms. */
  readonly stallTimeoutMs?: number;
  /** Reconnect backoff for HTTP and RTSP cameras. */
  readonly backoff?: BackoffOptions;
  /** The ffmpeg program for RTSP cameras. Default `ffmpeg` on the PATH. */
  readonly ffmpegPath?: string;
}

export function createCameraSource(spec: CameraSpec, options: CreateSourceOptions): AnyCameraSource {
  const logger = options.logger.child('camera');
  switch (spec.kind) {
    case 'usb':
      return new PushSource({ id: spec.id, device: spec.device ?? '', stallTimeoutMs: options.stallTimeoutMs, logger });
    case 'mjpeg-url':
      if (spec.url === undefined) throw new Error(`Camera ${spec.id} has no URL.`);
      return new MjpegHttpSource({
        id: spec.id,
        url: spec.url,
        fps: options.fps,
        stallTimeoutMs: options.stallTimeoutMs,
        backoff: options.backoff,
        clock: options.clock,
        logger,
      });
    case 'mjpeg-file':
      if (spec.path === undefined) throw new Error(`Camera ${spec.id} has no file path.`);
      return new MjpegFileSource({ id: spec.id, path: spec.path, fps: options.fps, logger });
    case 'y4m-file':
      if (spec.path === undefined) throw new Error(`Camera ${spec.id} has no file path.`);
      return new Y4mFileSource({ id: spec.id, path: spec.path, fps: options.fps, logger });
    case 'rtsp':
      if (spec.url === undefined) throw new Error(`Camera ${spec.id} has no URL.`);
      return new FfmpegSource({
        id: spec.id,
        url: spec.url,
        fps: options.fps,
        ffmpegPath: options.ffmpegPath,
        stallTimeoutMs: options.stallTimeoutMs === undefined ? undefined : Math.max(options.stallTimeoutMs, 8000),
        backoff: options.backoff,
        logger,
      });
    default:
      throw missingCaseError(spec.kind);
  }
}
