/**
 * When the core process dies unexpectedly the shell restarts it, but not forever: at most `maxRestarts`
 * within a sliding `windowMs`, after which it gives up and tells the person at the kiosk.
 */
import type { Clock } from '../core/clock.js';

export interface RestartPolicyOptions {
  /** Restarts allowed within the window before giving up. */
  readonly maxRestarts: number;
  /** Length of the sliding window, in milliseconds. */
  readonly windowMs: number;
  readonly clock: Clock;
}

export type RestartDecision =
  | { readonly action: 'restart'; readonly attempt: number }
  | { readonly action: 'give-up'; readonly restarts: number };

export interface RestartPolicy {
  /** Call once per unexpected exit; says whether to restart. */
  onUnexpectedExit(): RestartDecision;
}

export const DEFAULT_RESTART_LIMIT = { maxRestarts: 5, windowMs: 10 * 60 * 1000 } as const;

export function createRestartPolicy(options: RestartPolicyOptions): RestartPolicy {
  const restarts: number[] = [];
  return {
    onUnexpectedExit() {
      const now = options.clock.now();
      while (restarts.length > 0 && (restarts[0] ?? now) <= now - options.windowMs) restarts.shift();
      if (restarts.length >= options.maxRestarts) return { action: 'give-up', restarts: restarts.length };
      restarts.push(now);
      return { action: 'restart', attempt: restarts.length };
    },
  };
}
