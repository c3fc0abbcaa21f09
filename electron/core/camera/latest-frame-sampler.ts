/**
 * Backpressure between a camera and the (slow) face analysis: only the newest frame is held. A new
 * frame replaces the held one, which counts as dropped, so memory stays at one held frame plus the
 * one being analysed however fast the camera sends. The run loop takes the newest frame whenever
 * the analyser is idle and the rate limit allows.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { RateMeter } from './rate-meter.js';

export interface SamplerStats {
  readonly framesIn: number;
  readonly framesAnalysed: number;
  /** Frames replaced by a newer one before analysis took them. */
  readonly framesDropped: number;
  /** Analyses that threw (the loop goes on). */
  readonly analysisErrors: number;
  readonly fpsIn: number;
  readonly fpsAnalysed: number;
}

export interface LatestFrameSamplerOptions {
  /** Time for the fps window and the rate limit. */
  readonly clock: Clock;
  readonly logger: Logger;
  /** Width of the fps window in ms. Default 2000. */
  readonly fpsWindowMs?: number;
}

export interface RunOptions {
  /** At most this many analyses per second; 0 or less means no limit. */
  readonly maxFps: number;
  /** How to wait for the rate limit. Default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Waits for a share of a resource analysis needs (the face engine shared by several cameras) and returns its
   * release. Called once a frame is held, BEFORE it is taken: frames arriving during the wait replace it, so the
   * frame analysed is the newest one when the turn comes, not the one that was waiting.
   */
  readonly acquire?: () => Promise<() => void>;
}

/** `arrivedAt` is the clock time the frame was offered, for frame-to-decision latency. */
export type Analyse = (jpeg: Buffer, arrivedAt: number) => Promise<void>;

export class LatestFrameSampler {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly fpsIn: RateMeter;
  private readonly fpsAnalysed: RateMeter;

  private held: Buffer | null = null;
  private heldAt = 0;
  private inAnalysis = false;
  private framesIn = 0;
  private framesAnalysed = 0;
  private framesDropped = 0;
  private analysisErrors = 0;

  private running = false;
  private stopRequested = false;
  /** Wakes a run loop waiting for a frame (a frame arrived, or stop()). */
  private frameWaiter: (() => void) | null = null;
  /** Ends a rate-limit sleep early; only stop() does, a new frame must not bypass the limit. */
  private sleepWaker: (() => void) | null = null;

  constructor(options: LatestFrameSamplerOptions) {
    this.clock = options.clock;
    this.logger = options.logger;
    this.fpsIn = new RateMeter({ clock: options.clock, windowMs: options.fpsWindowMs });
    this.fpsAnalysed = new RateMeter({ clock: options.clock, windowMs: options.fpsWindowMs });
  }

  /** Frames held (0 or 1) plus frames being analysed (0 or 1). */
  get framesInMemory(): number {
    return (this.held === null ? 0 : 1) + (this.inAnalysis ? 1 : 0);
  }

  stats(): SamplerStats {
    return {
      framesIn: this.framesIn,
      framesAnalysed: this.framesAnalysed,
      framesDropped: this.framesDropped,
      analysisErrors: this.analysisErrors,
      fpsIn: this.fpsIn.perSecond(),
      fpsAnalysed: this.fpsAnalysed.perSecond(),
    };
  }

  offer(frame: Buffer): void {
    this.framesIn++;
    this.fpsIn.mark();
    if (this.held !== null) this.framesDropped++;
    this.held = frame;
    this.heldAt = this.clock.now();
    const waiter = this.frameWaiter;
    this.frameWaiter = null;
    waiter?.();
  }

  /**
   * Analyses the newest frame whenever idle, until stop(). Resolves when stopped; never rejects
   * because of `analyse` (its errors are counted and logged).
   */
  async run(analyse: Analyse, options: RunOptions): Promise<void> {
    if (this.running) throw new Error('The frame sampler is already running.');
    this.running = true;
    this.stopRequested = false;
    const minGapMs = options.maxFps > 0 ? 1000 / options.maxFps : 0;
    const sleep = options.sleep ?? ((ms: number) => this.interruptibleSleep(ms));
    let lastStart: number | null = null;
    try {
      while (!this.stopRequested) {
        if (lastStart !== null && minGapMs > 0) {
          const wait = lastStart + minGapMs - this.clock.now();
          if (wait > 0) await sleep(wait);
          if (this.stopRequested) break;
        }
        if (!(await this.waitForFrame())) break;
        const release = options.acquire ? await options.acquire() : null;
        const frame = this.held;
        const arrivedAt = this.heldAt;
        this.held = null;
        if (this.stopRequested || frame === null) {
          release?.();
          break;
        }
        lastStart = this.clock.now();
        this.inAnalysis = true;
        try {
          await analyse(frame, arrivedAt);
          this.framesAnalysed++;
          this.fpsAnalysed.mark();
        } catch (cause) {
          this.analysisErrors++;
          this.logger.warn('frame analysis failed', { error: cause instanceof Error ? cause.message : String(cause) });
        } finally {
          this.inAnalysis = false;
          release?.();
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Ends run() after the analysis in progress; the held frame is released. */
  stop(): void {
    this.stopRequested = true;
    this.held = null;
    for (const wake of [this.frameWaiter, this.sleepWaker]) wake?.();
    this.frameWaiter = null;
    this.sleepWaker = null;
  }

  /** Waits until a frame is held (true) or the sampler is stopped (false); the frame stays held. */
  private async waitForFrame(): Promise<boolean> {
    for (;;) {
      if (this.stopRequested) return false;
      if (this.held !== null) return true;
      await new Promise<void>((resolve) => {
        this.frameWaiter = resolve;
      });
    }
  }

  private interruptibleSleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.sleepWaker = null;
        resolve();
      }, ms);
      this.sleepWaker = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
