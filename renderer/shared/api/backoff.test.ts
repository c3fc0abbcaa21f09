import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './backoff.js';

const middle = (): number => 0.5;

describe('reconnectDelayMs', () => {
  it('doubles the delay after each failed attempt', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelayMs(attempt, middle))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(reconnectDelayMs(50, () => 0.999)).toBeLessThanOrEqual(5000);
  });

  it('spreads retries by the jitter fraction', () => {
    expect(reconnectDelayMs(1, () => 0)).toBe(800);
  });
});
