/**
 * A camera that plays a .mjpeg file (concatenated JPEGs) in a loop at a fixed rate (see looping-clip-source.ts).
 */
import type { Logger } from '../logger.js';
import { splitJpegs } from './jpeg-splitter.js';
import { LoopingClipSource, type DecodedClip } from './looping-clip-source.js';

export const MAX_MJPEG_FILE_BYTES = 200 * 1024 * 1024;

export interface MjpegFileSourceOptions {
  readonly id: string;
  /** Absolute path of the .mjpeg file. */
  readonly path: string;
  /** Frames per second to play at. Default 15. */
  readonly fps?: number;
  /** Largest file accepted, in bytes. Default 200 MB. */
  readonly maxFileBytes?: number;
  readonly logger: Logger;
}

export class MjpegFileSource extends LoopingClipSource<'mjpeg-file'> {
  readonly kind = 'mjpeg-file' as const;
  private readonly fps: number;

  constructor(options: MjpegFileSourceOptions) {
    const fps = options.fps ?? 15;
    if (!(fps > 0)) throw new RangeError(`fps must be positive, got ${fps}`);
    super({
      id: options.id,
      path: options.path,
      maxFileBytes: options.maxFileBytes ?? MAX_MJPEG_FILE_BYTES,
      tooLargeAdvice: 'Use a shorter clip.',
      logger: options.logger,
    });
    this.fps = fps;
  }

  protected decode(bytes: Buffer): Promise<DecodedClip> {
    let dropped = 0;
    const frames = splitJpegs(bytes, { onDropped: () => void dropped++ });
    if (frames.length === 0) {
      return Promise.reject(new Error(`The camera file ${this.path} holds no complete JPEG frame.`));
    }
    return Promise.resolve({ frames, fps: this.fps, details: { dropped } });
  }
}
