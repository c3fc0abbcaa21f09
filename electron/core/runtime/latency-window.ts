/** The latest N latencies in a fixed ring (constant memory), with their 95th percentile for health and the bench. */

export class LatencyWindow {
  private readonly ring: number[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  add(ms: number): void {
    if (this.ring.length < this.size) this.ring.push(ms);
    else this.ring[this.next] = ms;
    this.next = (this.next + 1) % this.size;
  }

  /** Oldest first. */
  values(): number[] {
    return this.ring.length < this.size
      ? [...this.ring]
      : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  /** Nearest-rank 95th percentile in whole ms, or null before any value. */
  p95(): number | null {
    if (this.ring.length === 0) return null;
    const sorted = [...this.ring].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] as number);
  }
}
