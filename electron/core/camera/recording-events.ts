/**
 * Test support: CameraSourceEvents that record what a source reported, and a poll-until helper.
 * Used by the camera tests and the end-to-end harness; it holds frames only in tests.
 */
import type { CameraState } from '../../contract/dto.js';
import type { CameraSourceEvents } from './types.js';

export interface RecordedState {
  readonly state: CameraState;
  readonly error: string | null;
}

export interface RecordingEvents extends CameraSourceEvents {
  readonly frames: Buffer[];
  readonly states: RecordedState[];
  /** The last state reported, or null before any. */
  readonly last: RecordedState | null;
}

export function recordingEvents(): RecordingEvents {
  const frames: Buffer[] = [];
  const states: RecordedState[] = [];
  return {
    frames,
    states,
    get last() {
      return states[states.length - 1] ?? null;
    },
    onFrame: (jpeg) => void frames.push(jpeg),
    onState: (state, error) => void states.push({ state, error }),
  };
}

/** Polls `condition` every 10 ms until it holds; rejects with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
