/**
 * Reconnect delays: quick first retries, then capped so a window is back within a few seconds of the core
 * returning (a kiosk has nobody to press reload). Pure, so it is unit-tested in Node.
 */

export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  readonly initialMs: number;
  /** Upper bound of any delay, in ms. */
  readonly maxMs: number;
  /** Random spread as a fraction of the delay (0.2 = ±20 %), so many windows do not retry in lockstep. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 5000, jitter: 0.2 };

/** `attempt` counts from 0; `random` returns a number in [0, 1) (Math.random in the app, fixed in tests). */
export function reconnectDelayMs(
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, Math.min(attempt, 20)));
  const spread = base * options.jitter * (random() * 2 - 1);
  return Math.round(Math.min(options.maxMs, Math.max(0, base + spread)));
}
