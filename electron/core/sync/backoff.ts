/**
 * Reconnect delays: exponential with "equal jitter" (half fixed, half random), so a thousand stores that lost
 * the broker at the same moment do not all knock on its door at the same moment when it comes back.
 */

export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly initialMs: number;
  /** The delay never grows beyond this. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000 };

/** Delay before retry number `attempt` (0 = the first retry); `random` returns [0, 1). */
export function reconnectDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
