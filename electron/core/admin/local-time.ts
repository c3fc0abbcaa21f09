/**
 * Wall-clock time in the store's time zone, from an instant, with Intl only (no time-zone database of our own).
 * Reports group by local day and hour, and working hours are written in local time, so both use this.
 */
import type { Weekday } from '../../contract/admin-dto.js';

export interface LocalParts {
  /** 'YYYY-MM-DD' in the zone. */
  readonly date: string;
  /** 0..23 */
  readonly hour: number;
  readonly minute: number;
  readonly weekday: Weekday;
}

const WEEKDAY_BY_SHORT: Readonly<Record<string, Weekday>> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** Formatters are costly to build; callers that convert many instants keep one per zone. */
export function localTimeIn(timeZone: string): (ms: number) => LocalParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
  return (ms) => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
    const weekday = WEEKDAY_BY_SHORT[parts.weekday ?? ''];
    if (weekday === undefined) throw new Error(`Unexpected weekday "${parts.weekday}" for ${timeZone}.`);
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      hour: Number(parts.hour) % 24,
      minute: Number(parts.minute),
      weekday,
    };
  };
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(local: (ms: number) => LocalParts, ms: number): number {
  const parts = local(ms);
  const [y, m, d] = parts.date.split('-').map(Number);
  const asUtc = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, parts.hour, parts.minute);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/** The instant local midnight starts on `date` ('YYYY-MM-DD') in the zone. */
export function startOfLocalDay(timeZone: string, date: string): number {
  const local = localTimeIn(timeZone);
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  // Two rounds settle the offset even when the guess falls on the other side of a daylight-saving change.
  const first = guess - offsetAt(local, guess);
  return guess - offsetAt(local, first);
}

/** 'YYYY-MM-DD' of the day after `date`. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let date = from; date <= to && out.length < 4000; date = nextDate(date)) out.push(date);
  return out;
}
