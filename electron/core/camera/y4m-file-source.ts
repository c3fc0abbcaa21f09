/**
 * A .y4m clip played in a loop at a fixed rate, for demos and tests. Its raw 4:2:0 frames are encoded to JPEG
 * once at load (sharp) and the JPEGs kept in memory, like a .mjpeg clip; the raw file is not kept, and files
 * larger than a limit are refused.
 */
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { Logger } from '../logger.js';
import { parseY4m, yuv420ToRgb } from './y4m.js';
import { guardEvents, type GuardedEvents } from './source-events.js';
import type { CameraSource, CameraSourceEvents } from './types.js';

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

export class Y4mFileSource implements CameraSource {
  readonly kind = 'y4m-file' as const;
  readonly id: string;
  /** A file never reconnects. */
  readonly reconnects = 0;

  private readonly path: string;
  private readonly fps: number | undefined;
  private readonly maxFileBytes: number;
  private readonly quality: number;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private events: GuardedEvents | null = null;
  /** Bumped by start/stop so a load that finishes after stop() does nothing. */
  private generation = 0;

  constructor(options: Y4mFileSourceOptions) {
    if (options.fps !== undefined && !(options.fps > 0))
      throw new RangeError(`fps must be positive, got ${options.fps}`);
    this.id = options.id;
    this.path = options.path;
    this.fps = options.fps;
    this.maxFileBytes = options.maxFileBytes ?? MAX_Y4M_FILE_BYTES;
    this.quality = options.jpegQuality ?? 85;
    this.logger = options.logger;
  }

  start(events: CameraSourceEvents): void {
    this.clearTimer();
    const generation = ++this.generation;
    const guarded = guardEvents(events, this.logger);
    this.events = guarded;
    guarded.onState('starting', null);
    void this.load().then(
      ({ frames, fps }) => {
        if (generation !== this.generation) return;
        this.play(frames, fps, guarded);
      },
      (cause: unknown) => {
        if (generation !== this.generation) return;
        const message = cause instanceof Error ? cause.message : String(cause);
        this.logger.error('camera file failed', { path: this.path, error: message });
        guarded.onState('error', message);
      },
    );
  }

  async stop(): Promise<void> {
    this.generation++;
    this.clearTimer();
    this.events?.onState('stopped', null);
    this.events = null;
  }

  private async load(): Promise<{ frames: Buffer[]; fps: number }> {
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      throw new Error(`No camera file at ${this.path}`);
    }
    if (size > this.maxFileBytes) {
      throw new Error(
        `The camera file ${this.path} is ${Math.round(size / 2 ** 20)} MB, more than the ` +
          `${Math.round(this.maxFileBytes / 2 ** 20)} MB a looping .y4m file may have. Use a shorter clip or a .mjpeg file.`,
      );
    }
    const { header, frames: raw } = parseY4m(await readFile(this.path));
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
    this.logger.info('camera file loaded', { path: this.path, frames: frames.length, fps: header.fps });
    return { frames, fps: this.fps ?? header.fps };
  }

  private play(frames: readonly Buffer[], fps: number, events: GuardedEvents): void {
    let next = 0;
    const tick = (): void => {
      const frame = frames[next];
      next = (next + 1) % frames.length;
      if (frame === undefined) return;
      events.onState('running', null);
      // The receiver owns what it gets, so it gets a copy: the looped originals stay intact.
      events.onFrame(Buffer.from(frame));
    };
    tick();
    this.timer = setInterval(tick, 1000 / fps);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
