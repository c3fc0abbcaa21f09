import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { RateMeter } from './rate-meter.js';

describe('RateMeter', () => {
  it('measures events per second over its window', () => {
    const clock = fixedClock(1_000_000);
    const meter = new RateMeter({ clock, windowMs: 2000 });
    for (let i = 0; i < 60; i++) {
      meter.mark();
      clock.advance(1000 / 30);
    }
    expect(meter.perSecond()).toBe(30);
  });

  it('forgets events older than the window', () => {
    const clock = fixedClock(1_000_000);
    const meter = new RateMeter({ clock, windowMs: 1000 });
    for (let i = 0; i < 10; i++) meter.mark();
    clock.advance(1500);
    expect(meter.perSecond()).toBe(0);
  });
});
