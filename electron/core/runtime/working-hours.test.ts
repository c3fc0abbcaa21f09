import { describe, expect, it } from 'vitest';
import { describeHours, withinHours } from './working-hours.js';

/** A local time on Wednesday 2026-11-18 (day 3). */
const wed = (hhmm: string) => new Date(`2026-11-18T${hhmm}:00`);

describe('working hours', () => {
  it('is always on without hours', () => {
    expect(withinHours(null, wed('03:00'))).toBe(true);
  });

  it('is on from opening until just before closing', () => {
    const hours = { open: '07:00', close: '21:00' };
    expect(withinHours(hours, wed('06:59'))).toBe(false);
    expect(withinHours(hours, wed('07:00'))).toBe(true);
    expect(withinHours(hours, wed('20:59'))).toBe(true);
    expect(withinHours(hours, wed('21:00'))).toBe(false);
  });

  it('spans midnight when closing comes before opening, counting the day the shift began', () => {
    const hours = { open: '22:00', close: '06:00', days: [2] }; // Tuesday night shift
    expect(withinHours(hours, wed('05:00'))).toBe(true); // Wednesday early morning belongs to Tuesday
    expect(withinHours(hours, wed('23:00'))).toBe(false); // Wednesday night is not listed
  });

  it('keeps to the listed days', () => {
    expect(withinHours({ open: '07:00', close: '21:00', days: [0, 6] }, wed('12:00'))).toBe(false);
    expect(describeHours({ open: '07:00', close: '21:00', days: [6, 0] })).toBe('07:00–21:00 on Sun, Sat');
  });
});
