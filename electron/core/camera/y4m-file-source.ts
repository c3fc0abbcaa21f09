/**
 * A .y4m clip played in a loop at a fixed rate (see looping-clip-source.ts). Its raw 4:2:0 frames are encoded to
 * JPEG once at load (sharp) and only the JPEGs are kept, like a .mjpeg clip.
 */
import sharp from 'sharp';
import type { Logger } from '../logger.js';
import { LoopingClipSource, type DecodedClip } from './looping-clip-source.js';
import { parseY4m, yuv420ToRgb } from './y4m.js';

export const MAX_Y4M_FILE_BYTES = 400 * 1024 * 1024;

export interface Y4mFileSourceOptions {
  readonly id: string;
  /** Absolute path of the .y4m file. */
  readonly path: string;
  /** Frames per second to play at. Default: the rate in the file's header. */
  readonly fps?: number;
  /** Largest file accepted, in bytes. Default 400 MB. */
  readonly maxFileBytes?: number;
  /** JPEG quality of the encoded frames. Default 85. */
  readonly jpegQuality?: number;
  readonly logger: Logger;
}

export class Y4mFileSource extends LoopingClipSource<'y4m-file'> {
  readonly kind = 'y4m-file' as const;
  private readonly fps: number | undefined;
  private readonly quality: number;

  constructor(options: Y4mFileSourceOptions) {
    if (options.fps !== undefined && !(options.fps > 0)) {
      throw new RangeError(`fps must be positive, got ${options.fps}`);
    }
    super({
      id: options.id,
      path: options.path,
      maxFileBytes: options.maxFileBytes ?? MAX_Y4M_FILE_BYTES,
      tooLargeAdvice: 'Use a shorter clip or a .mjpeg file.',
      logger: options.logger,
    });
    this.fps = options.fps;
    this.quality = options.jpegQuality ?? 85;
  }

  protected async decode(bytes: Buffer): Promise<DecodedClip> {
    const { header, frames: raw } = parseY4m(bytes);
    if (raw.length === 0) throw new Error(`The camera file ${this.path} holds no complete frame.`);
    const frames: Buffer[] = [];
    for (const planes of raw) {
      const rgb = yuv420ToRgb(planes, header);
      frames.push(
        await sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
          .jpeg({ quality: this.quality })
          .toBuffer(),
      );
    }
    return { frames, fps: this.fps ?? header.fps, details: { fps: header.fps } };
  }
}
