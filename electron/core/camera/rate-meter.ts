/**
 * Events per second over a sliding window, in constant memory: counts go into fixed-width time
 * buckets, so a burst of 10,000 events costs one bucket, not 10,000 timestamps.
 */
import type { Clock } from '../clock.js';

export interface RateMeterOptions {
  readonly clock: Clock;
  /** Width of the sliding window in ms. Default 2000. */
  readonly windowMs?: number;
  /** Width of one bucket in ms; the window moves in these steps. Default 100. */
  readonly bucketMs?: number;
}

export class RateMeter {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly bucketMs: number;
  /** Oldest first; at most windowMs / bucketMs + 1 entries. */
  private buckets: { start: number; count: number }[] = [];

  constructor(options: RateMeterOptions) {
    this.clock = options.clock;
    this.windowMs = options.windowMs ?? 2000;
    this.bucketMs = options.bucketMs ?? 100;
  }

  mark(): void {
    const now = this.clock.now();
    const start = Math.floor(now / this.bucketMs) * this.bucketMs;
    const last = this.buckets[this.buckets.length - 1];
    if (last !== undefined && last.start === start) last.count++;
    else this.buckets.push({ start, count: 1 });
    this.prune(now);
  }

  /** Events per second over the last window. */
  perSecond(): number {
    this.prune(this.clock.now());
    let total = 0;
    for (const bucket of this.buckets) total += bucket.count;
    return total / (this.windowMs / 1000);
  }

  private prune(now: number): void {
    // A bucket leaves once it lies wholly before the window.
    const oldest = now - this.windowMs;
    let drop = 0;
    while (drop < this.buckets.length && (this.buckets[drop]?.start ?? Infinity) + this.bucketMs <= oldest) drop++;
    if (drop > 0) this.buckets = this.buckets.slice(drop);
  }
}
