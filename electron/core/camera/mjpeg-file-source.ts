/**
 * A camera that plays a .mjpeg file (concatenated JPEGs) in a loop at a fixed rate: for demos,
 * tests and trying the kiosk without hardware. The file is read once and its frames kept in memory,
 * which is why large files are refused.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import { splitJpegs } from './jpeg-splitter.js';
import { guardEvents, type GuardedEvents } from './source-events.js';
import type { CameraSource, CameraSourceEvents } from './types.js';

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

export class MjpegFileSource implements CameraSource {
  readonly kind = 'mjpeg-file' as const;
  readonly id: string;
  /** A file never reconnects. */
  readonly reconnects = 0;

  private readonly path: string;
  private readonly intervalMs: number;
  private readonly maxFileBytes: number;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private events: GuardedEvents | null = null;
  /** Bumped by start/stop so a file read that finishes after stop() does nothing. */
  private generation = 0;

  constructor(options: MjpegFileSourceOptions) {
    const fps = options.fps ?? 15;
    if (!(fps > 0)) throw new RangeError(`fps must be positive, got ${fps}`);
    this.id = options.id;
    this.path = options.path;
    this.intervalMs = 1000 / fps;
    this.maxFileBytes = options.maxFileBytes ?? MAX_MJPEG_FILE_BYTES;
    this.logger = options.logger;
  }

  start(events: CameraSourceEvents): void {
    this.clearTimer();
    const generation = ++this.generation;
    const guarded = guardEvents(events, this.logger);
    this.events = guarded;
    guarded.onState('starting', null);
    void this.load().then(
      (frames) => {
        if (generation !== this.generation) return;
        this.play(frames, guarded);
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

  private async load(): Promise<Buffer[]> {
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      throw new Error(`No camera file at ${this.path}`);
    }
    if (size > this.maxFileBytes) {
      throw new Error(
        `The camera file ${this.path} is ${megabytes(size)}, more than the ${megabytes(this.maxFileBytes)} ` +
          'a looping file may have (it is kept in memory). Use a shorter clip.',
      );
    }
    let dropped = 0;
    const frames = splitJpegs(await readFile(this.path), { onDropped: () => void dropped++ });
    if (frames.length === 0) throw new Error(`The camera file ${this.path} holds no complete JPEG frame.`);
    this.logger.info('camera file loaded', { path: this.path, frames: frames.length, dropped });
    return frames;
  }

  private play(frames: readonly Buffer[], events: GuardedEvents): void {
    let next = 0;
    const tick = (): void => {
      const frame = frames[next % frames.length];
      next = (next + 1) % frames.length;
      if (frame === undefined) return;
      events.onState('running', null);
      // The receiver owns what it gets, so it gets a copy: the looped originals stay intact.
      events.onFrame(Buffer.from(frame));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
