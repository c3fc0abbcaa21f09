import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { createRestartPolicy, DEFAULT_RESTART_LIMIT } from './restart-policy.js';

const MINUTE = 60_000;

describe('restart policy', () => {
  it('restarts five times within ten minutes, then gives up', () => {
    const clock = fixedClock('2025-01-01T10:00:00Z');
    const policy = createRestartPolicy({ ...DEFAULT_RESTART_LIMIT, clock });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(policy.onUnexpectedExit()).toEqual({ action: 'restart', attempt });
      clock.advance(MINUTE);
    }
    expect(policy.onUnexpectedExit()).toEqual({ action: 'give-up', restarts: 5 });
  });

  it('restarts again once old restarts have left the ten-minute window', () => {
    const clock = fixedClock('2025-01-01T10:00:00Z');
    const policy = createRestartPolicy({ ...DEFAULT_RESTART_LIMIT, clock });
    for (let i = 0; i < 5; i += 1) policy.onUnexpectedExit();
    clock.advance(10 * MINUTE);
    expect(policy.onUnexpectedExit()).toEqual({ action: 'restart', attempt: 1 });
  });

  it('counts restarts in a sliding window, not in fixed blocks', () => {
    const clock = fixedClock(0);
    const policy = createRestartPolicy({ maxRestarts: 2, windowMs: 10 * MINUTE, clock });
    policy.onUnexpectedExit();
    clock.advance(6 * MINUTE);
    policy.onUnexpectedExit();
    clock.advance(3 * MINUTE); // 9 minutes after the first restart: both still count
    expect(policy.onUnexpectedExit().action).toBe('give-up');
    clock.advance(2 * MINUTE); // the first has left the window
    expect(policy.onUnexpectedExit()).toEqual({ action: 'restart', attempt: 2 });
  });
});
