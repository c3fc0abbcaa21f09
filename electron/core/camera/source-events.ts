/**
 * Guards a source's calls into its receiver: a throwing receiver is logged and never breaks the
 * source's timers or sockets, and a state is only re-sent when it (or its sentence) changed.
 */
import type { CameraState } from '../../contract/dto.js';
import type { Logger } from '../logger.js';
import type { CameraSourceEvents } from './types.js';

export interface GuardedEvents extends CameraSourceEvents {
  /** The last state sent. */
  readonly state: CameraState;
  /** The last error sentence sent (null when running). */
  readonly error: string | null;
}

export function guardEvents(events: CameraSourceEvents, logger: Logger): GuardedEvents {
  let state: CameraState = 'stopped';
  let error: string | null = null;
  let sentOnce = false;
  return {
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    onFrame(jpeg) {
      try {
        events.onFrame(jpeg);
      } catch (cause) {
        logger.warn('camera frame receiver failed', { error: String(cause) });
      }
    },
    onState(next, message) {
      if (sentOnce && next === state && message === error) return;
      sentOnce = true;
      state = next;
      error = message;
      try {
        events.onState(next, message);
      } catch (cause) {
        logger.warn('camera state receiver failed', { error: String(cause) });
      }
    },
  };
}

/** "0.04 s", "0.5 s", "4 s", "30 s": how a delay reads in a sentence for a person. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 1) return `${Number(s.toPrecision(1))} s`;
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  return `${Math.round(s)} s`;
}
