import { describe, expect, it } from 'vitest';
import { localMoment, startOfLocalDay } from './local-time.js';
import { isLive, type Schedule } from './schedule.js';

const ALWAYS: Schedule = { startsOn: null, endsOn: null, days: null, startTime: null, endTime: null };
const LONDON = 'Europe/London';
/** A local moment in London (GMT in November, so the UTC time is the local time). */
const at = (iso: string) => localMoment(Date.parse(iso), LONDON);

describe('localMoment', () => {
  it('reads the store’s local date, weekday and minute in its own zone', () => {
    // 23:30 UTC on Friday 20 November is already Saturday 08:30 in Tokyo.
    const ms = Date.parse('2026-11-20T23:30:00Z');
    expect(localMoment(ms, LONDON)).toEqual({ date: '2026-11-20', weekday: 5, minute: 23 * 60 + 30, second: 0 });
    expect(localMoment(ms, 'Asia/Tokyo')).toMatchObject({ date: '2026-11-21', weekday: 6, minute: 8 * 60 + 30 });
  });

  it('finds the start of the local day', () => {
    const ms = Date.parse('2026-11-20T23:30:15.250Z');
    expect(new Date(startOfLocalDay(ms, LONDON)).toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(new Date(startOfLocalDay(ms, 'Asia/Tokyo')).toISOString()).toBe('2026-11-20T15:00:00.000Z');
  });
});

describe('isLive (day-parting)', () => {
  const breakfast: Schedule = { ...ALWAYS, startTime: '06:00', endTime: '11:00' };

  it('shows a breakfast campaign in the morning only', () => {
    expect(isLive(breakfast, at('2026-11-20T05:59:00Z'))).toBe(false);
    expect(isLive(breakfast, at('2026-11-20T06:00:00Z'))).toBe(true);
    expect(isLive(breakfast, at('2026-11-20T10:59:00Z'))).toBe(true);
    expect(isLive(breakfast, at('2026-11-20T11:00:00Z'))).toBe(false);
  });

  it('limits a campaign to its weekdays', () => {
    const weekdayLunch: Schedule = { ...ALWAYS, days: [1, 2, 3, 4, 5], startTime: '11:00', endTime: '14:30' };
    expect(isLive(weekdayLunch, at('2026-11-20T12:00:00Z'))).toBe(true); // Friday
    expect(isLive(weekdayLunch, at('2026-11-21T12:00:00Z'))).toBe(false); // Saturday
    const weekend: Schedule = { ...ALWAYS, days: [0, 6] };
    expect(isLive(weekend, at('2026-11-22T20:00:00Z'))).toBe(true); // Sunday, all day
    expect(isLive(weekend, at('2026-11-23T00:01:00Z'))).toBe(false); // Monday
  });

  it('runs an overnight window past midnight on the weekday it opened', () => {
    const fridayLate: Schedule = { ...ALWAYS, days: [5], startTime: '22:00', endTime: '02:00' };
    expect(isLive(fridayLate, at('2026-11-20T21:59:00Z'))).toBe(false);
    expect(isLive(fridayLate, at('2026-11-20T23:00:00Z'))).toBe(true); // Friday night
    expect(isLive(fridayLate, at('2026-11-21T01:30:00Z'))).toBe(true); // early Saturday, still Friday's window
    expect(isLive(fridayLate, at('2026-11-21T02:00:00Z'))).toBe(false);
    expect(isLive(fridayLate, at('2026-11-21T23:00:00Z'))).toBe(false); // Saturday night
  });

  it('honours start and end dates, both inclusive', () => {
    const advent: Schedule = { ...ALWAYS, startsOn: '2026-11-29', endsOn: '2026-12-24' };
    expect(isLive(advent, at('2026-11-28T23:59:00Z'))).toBe(false);
    expect(isLive(advent, at('2026-11-29T00:00:00Z'))).toBe(true);
    expect(isLive(advent, at('2026-12-24T23:59:00Z'))).toBe(true);
    expect(isLive(advent, at('2026-12-25T00:00:00Z'))).toBe(false);
  });

  it('follows the store’s zone, not UTC', () => {
    // 07:00 UTC is 08:00 in Berlin (breakfast) but 02:00 in New York (not yet).
    const ms = Date.parse('2026-11-20T07:00:00Z');
    expect(isLive(breakfast, localMoment(ms, 'Europe/Berlin'))).toBe(true);
    expect(isLive(breakfast, localMoment(ms, 'America/New_York'))).toBe(false);
  });
});
