/** Time as a dependency: the core never reads the system clock directly, so tests can fix it. */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock for tests: starts at `start` and moves only when told. */
export function fixedClock(start: number | string): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
