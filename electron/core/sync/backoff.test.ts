import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff.js';

const options = { initialMs: 1000, maxMs: 30_000 };

describe('reconnectDelay', () => {
  it('doubles the ceiling per attempt up to the maximum', () => {
    expect([0, 1, 2, 3, 10].map((a) => reconnectDelay(a, options, () => 0.999999))).toEqual([
      1000, 2000, 4000, 8000, 30_000,
    ]);
  });

  it('keeps at least half the ceiling and spreads the rest at random (equal jitter)', () => {
    expect(reconnectDelay(3, options, () => 0)).toBe(4000);
    expect(reconnectDelay(3, options, () => 0.5)).toBe(6000);
  });
});
