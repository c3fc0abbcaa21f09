/**
 * Restarts a window whose page crashed or hung, within the same cap as the core process (at most 5 restarts in
 * 10 minutes, restart-policy.ts), then gives up with a sentence for the person at the kiosk. "Hung" means
 * Electron reported the page unresponsive and it did not recover within `hangGraceMs`. Pure: the shell feeds it
 * Electron's events and performs the actions it returns.
 */
import type { Clock } from '../core/clock.js';
import type { RestartPolicy } from './restart-policy.js';

/** Reasons from Electron's `render-process-gone`; a clean exit is the window closing normally. */
export type GoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

export type WatchdogAction =
  | { readonly action: 'none' }
  | { readonly action: 'reload'; readonly attempt: number; readonly why: string }
  | { readonly action: 'give-up'; readonly message: string };

export interface RendererWatchdog {
  onGone(reason: GoneReason | string): WatchdogAction;
  onUnresponsive(): void;
  onResponsive(): void;
  /** Called periodically (e.g. every second): a hang that outlasted the grace period becomes a reload. */
  tick(): WatchdogAction;
}

export interface WatchdogOptions {
  /** Which window, for the messages ("the customer display"). */
  readonly name: string;
  readonly policy: RestartPolicy;
  readonly clock: Clock;
  /** How long an unresponsive page may stay so before it is reloaded. */
  readonly hangGraceMs: number;
}

export const DEFAULT_HANG_GRACE_MS = 15_000;

export function createRendererWatchdog(options: WatchdogOptions): RendererWatchdog {
  let hungSince: number | null = null;
  let gaveUp = false;

  const restart = (why: string): WatchdogAction => {
    if (gaveUp) return { action: 'none' };
    hungSince = null;
    const decision = options.policy.onUnexpectedExit();
    if (decision.action === 'restart') return { action: 'reload', attempt: decision.attempt, why };
    gaveUp = true;
    return {
      action: 'give-up',
      message:
        `The ${options.name} stopped working ${decision.restarts} times in a few minutes (last: ${why}). ` +
        'Close Smart Store Kiosk and start it again; if it keeps happening, export the logs from the admin window and send them to support.',
    };
  };

  return {
    onGone(reason) {
      if (reason === 'clean-exit') return { action: 'none' };
      return restart(`the page ${reason === 'oom' ? 'ran out of memory' : reason.replace('-', ' ')}`);
    },
    onUnresponsive() {
      hungSince ??= options.clock.now();
    },
    onResponsive() {
      hungSince = null;
    },
    tick() {
      if (hungSince === null || options.clock.now() - hungSince < options.hangGraceMs) return { action: 'none' };
      return restart(`the page did not respond for ${Math.round((options.clock.now() - hungSince) / 1000)} s`);
    },
  };
}
