import { describe, expect, it } from 'vitest';
import { msUntilNextAge, ticketAge } from './ticket-aging.js';

const ARRIVED = '2026-11-20T09:00:00.000Z';
const at = (minutes: number, seconds = 0): number => Date.parse(ARRIVED) + minutes * 60_000 + seconds * 1000;
const KDS = { amberAfterMinutes: 5, redAfterMinutes: 8 };

describe('ticketAge', () => {
  it('stays normal until five minutes, turns amber at five and red at eight by default thresholds', () => {
    expect(ticketAge(ARRIVED, at(0), KDS)).toBe('normal');
    expect(ticketAge(ARRIVED, at(4, 59), KDS)).toBe('normal');
    expect(ticketAge(ARRIVED, at(5), KDS)).toBe('amber');
    expect(ticketAge(ARRIVED, at(7, 59), KDS)).toBe('amber');
    expect(ticketAge(ARRIVED, at(8), KDS)).toBe('red');
    expect(ticketAge(ARRIVED, at(90), KDS)).toBe('red');
  });

  it('follows the store’s own thresholds', () => {
    const quick = { amberAfterMinutes: 2, redAfterMinutes: 3 };
    expect(ticketAge(ARRIVED, at(1, 59), quick)).toBe('normal');
    expect(ticketAge(ARRIVED, at(2), quick)).toBe('amber');
    expect(ticketAge(ARRIVED, at(3), quick)).toBe('red');
  });

  it('treats an arrival in the future or an unreadable time as normal', () => {
    expect(ticketAge(ARRIVED, at(-3), KDS)).toBe('normal');
    expect(ticketAge('not a time', at(30), KDS)).toBe('normal');
  });

  it('says how long until the next colour change, and nothing once red', () => {
    expect(msUntilNextAge(ARRIVED, at(1), KDS)).toBe(4 * 60_000);
    expect(msUntilNextAge(ARRIVED, at(6), KDS)).toBe(2 * 60_000);
    expect(msUntilNextAge(ARRIVED, at(8), KDS)).toBeNull();
  });
});
