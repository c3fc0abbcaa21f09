/**
 * The store's wall clock: which local date, weekday and minute a moment is in a time zone. Day-parting and
 * "today's tickets" are about the store's day, not UTC's; the zone is passed in so tests can fix it.
 */

export interface LocalMoment {
  /** 'YYYY-MM-DD' in the zone. */
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday (as Date.getDay and the camera working hours). */
  readonly weekday: number;
  /** Minutes since local midnight, 0..1439. */
  readonly minute: number;
  /** Seconds into the minute, 0..59. */
  readonly second: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The machine's zone: the store PC's clock is set to the store's local time. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** True when `zone` is an IANA zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function localMoment(ms: number, timeZone: string): LocalMoment {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(part('hour')) % 24;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday: WEEKDAYS[part('weekday')] ?? 0,
    minute: hour * 60 + Number(part('minute')),
    second: Number(part('second')),
  };
}

/** The moment the local day containing `ms` began (within the hour on a daylight-saving change day). */
export function startOfLocalDay(ms: number, timeZone: string): number {
  const local = localMoment(ms, timeZone);
  return ms - (local.minute * 60 + local.second) * 1000 - (ms % 1000);
}

/** 'HH:MM' -> minutes since midnight. */
export function minuteOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}
