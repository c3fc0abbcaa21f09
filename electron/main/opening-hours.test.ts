import { describe, expect, it } from 'vitest';
import { isStoreOpen } from './opening-hours.js';

const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

describe('opening hours', () => {
  it('is open from the opening minute up to, not including, the closing minute', () => {
    const hours = { open: '08:00', close: '20:00' };
    expect(isStoreOpen(hours, at('07:59'))).toBe(false);
    expect(isStoreOpen(hours, at('08:00'))).toBe(true);
    expect(isStoreOpen(hours, at('19:59'))).toBe(true);
    expect(isStoreOpen(hours, at('20:00'))).toBe(false);
  });

  it('handles a store open past midnight', () => {
    const hours = { open: '18:00', close: '02:00' };
    expect(isStoreOpen(hours, at('23:30'))).toBe(true);
    expect(isStoreOpen(hours, at('01:59'))).toBe(true);
    expect(isStoreOpen(hours, at('02:00'))).toBe(false);
    expect(isStoreOpen(hours, at('12:00'))).toBe(false);
  });

  it('treats equal open and close times as open around the clock', () => {
    expect(isStoreOpen({ open: '00:00', close: '00:00' }, at('03:00'))).toBe(true);
  });
});
