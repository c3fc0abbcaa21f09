/**
 * Day-parting: whether a campaign's schedule is live at a local moment. A schedule may limit dates (inclusive),
 * weekdays, and a daily time window; a window whose end is before its start runs past midnight and belongs to
 * the weekday it opened on (a Friday 22:00-02:00 window is live at 01:00 on Saturday).
 */
import { minuteOf, type LocalMoment } from './local-time.js';

export interface Schedule {
  /** 'YYYY-MM-DD', inclusive; null = no start. */
  readonly startsOn: string | null;
  /** 'YYYY-MM-DD', inclusive; null = open-ended. */
  readonly endsOn: string | null;
  /** Weekdays 0 = Sunday … 6; null = every day. */
  readonly days: readonly number[] | null;
  /** 'HH:MM' local; both null = all day. */
  readonly startTime: string | null;
  readonly endTime: string | null;
}

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function dayAllowed(schedule: Schedule, date: string, weekday: number): boolean {
  if (schedule.startsOn !== null && date < schedule.startsOn) return false;
  if (schedule.endsOn !== null && date > schedule.endsOn) return false;
  return schedule.days === null || schedule.days.includes(weekday);
}

export function isLive(schedule: Schedule, at: LocalMoment): boolean {
  if (schedule.startTime === null || schedule.endTime === null) return dayAllowed(schedule, at.date, at.weekday);
  const start = minuteOf(schedule.startTime);
  const end = minuteOf(schedule.endTime);
  if (start === end) return dayAllowed(schedule, at.date, at.weekday);
  if (start < end) return at.minute >= start && at.minute < end && dayAllowed(schedule, at.date, at.weekday);
  // Overnight: the evening part belongs to today, the early-morning part to the day before.
  if (at.minute >= start) return dayAllowed(schedule, at.date, at.weekday);
  if (at.minute < end) return dayAllowed(schedule, previousDate(at.date), (at.weekday + 6) % 7);
  return false;
}
