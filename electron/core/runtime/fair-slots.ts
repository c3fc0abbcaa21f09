/**
 * Shares the face engine fairly between cameras: `slots` analyses at once (1 for the single in-process engine, the
 * pool size when a worker pool does the work), handed out in the order cameras asked. Each camera asks for at most
 * one slot at a time (its loop is serial), so first-come-first-served is round-robin across cameras: a camera
 * that just finished queues behind every camera already waiting, and none can starve the others.
 */

interface Waiter {
  readonly key: string;
  readonly grant: (release: () => void) => void;
}

export interface SlotStats {
  /** Analyses running now. */
  readonly busy: number;
  /** Cameras waiting for their turn now. */
  readonly waiting: number;
}

export class FairSlots {
  private busy = 0;
  private readonly queue: Waiter[] = [];

  constructor(private slots: number) {
    if (!(slots >= 1)) throw new RangeError(`slots must be at least 1, got ${slots}`);
  }

  /** Changes how many analyses may run at once (the engine turned out to be a pool); waiters move up at once. */
  resize(slots: number): void {
    if (!(slots >= 1)) throw new RangeError(`slots must be at least 1, got ${slots}`);
    this.slots = slots;
    this.next();
  }

  stats(): SlotStats {
    return { busy: this.busy, waiting: this.queue.length };
  }

  /** Resolves with a release function once it is `key`'s turn. Call the release exactly once. */
  acquire(key: string): Promise<() => void> {
    return new Promise((resolve) => {
      const waiter: Waiter = { key, grant: resolve };
      if (this.busy < this.slots && this.queue.length === 0) this.grant(waiter);
      else this.queue.push(waiter);
    });
  }

  /**
   * Ends the waits of `key` (its camera stopped): they resolve at once with a release that does nothing, so a
   * stopping camera never waits for the others' analyses.
   */
  withdraw(key: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const waiter = this.queue[i];
      if (waiter?.key !== key) continue;
      this.queue.splice(i, 1);
      waiter.grant(() => undefined);
    }
  }

  private grant(waiter: Waiter): void {
    this.busy++;
    let released = false;
    waiter.grant(() => {
      if (released) return;
      released = true;
      this.busy--;
      this.next();
    });
  }

  private next(): void {
    while (this.busy < this.slots) {
      const waiter = this.queue.shift();
      if (waiter === undefined) return;
      this.grant(waiter);
    }
  }
}
