/**
 * A recorded clip played in a loop at a fixed rate, for demos, tests and trying the kiosk without hardware. The
 * file is read once and its frames kept in memory as JPEGs, which is why large files are refused. Subclasses say
 * only how the file's bytes become JPEG frames (and at what rate); starting, stopping and playing are here.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import { guardEvents, type GuardedEvents } from './source-events.js';
import type { CameraSource, CameraSourceEvents } from './types.js';

export interface DecodedClip {
  readonly frames: readonly Buffer[];
  readonly fps: number;
  /** Extra fields for the "camera file loaded" log line. */
  readonly details?: Record<string, unknown>;
}

export interface LoopingClipOptions {
  readonly id: string;
  /** Absolute path of the clip. */
  readonly path: string;
  /** Largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** What to do instead when the file is too large, as a sentence. */
  readonly tooLargeAdvice: string;
  readonly logger: Logger;
}

export abstract class LoopingClipSource<K extends 'mjpeg-file' | 'y4m-file'> implements CameraSource {
  abstract readonly kind: K;
  readonly id: string;
  /** A file never reconnects. */
  readonly reconnects = 0;

  protected readonly path: string;
  protected readonly logger: Logger;
  private readonly maxFileBytes: number;
  private readonly tooLargeAdvice: string;
  private timer: NodeJS.Timeout | null = null;
  private events: GuardedEvents | null = null;
  /** Bumped by start/stop so a load that finishes after stop() does nothing. */
  private generation = 0;

  protected constructor(options: LoopingClipOptions) {
    this.id = options.id;
    this.path = options.path;
    this.maxFileBytes = options.maxFileBytes;
    this.tooLargeAdvice = options.tooLargeAdvice;
    this.logger = options.logger;
  }

  /** The clip's frames as JPEGs, and the rate to play them at; throws a sentence when the file is unusable. */
  protected abstract decode(bytes: Buffer): Promise<DecodedClip>;

  start(events: CameraSourceEvents): void {
    this.clearTimer();
    const generation = ++this.generation;
    const guarded = guardEvents(events, this.logger);
    this.events = guarded;
    guarded.onState('starting', null);
    void this.load().then(
      (clip) => {
        if (generation !== this.generation) return;
        this.play(clip, guarded);
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

  private async load(): Promise<DecodedClip> {
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      throw new Error(`No camera file at ${this.path}`);
    }
    if (size > this.maxFileBytes) {
      throw new Error(
        `The camera file ${this.path} is ${megabytes(size)}, more than the ${megabytes(this.maxFileBytes)} ` +
          `a looping file may have (it is kept in memory). ${this.tooLargeAdvice}`,
      );
    }
    const clip = await this.decode(await readFile(this.path));
    this.logger.info('camera file loaded', { path: this.path, frames: clip.frames.length, ...clip.details });
    return clip;
  }

  private play({ frames, fps }: DecodedClip, events: GuardedEvents): void {
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

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
