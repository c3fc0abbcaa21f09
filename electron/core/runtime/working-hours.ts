/**
 * Working hours of a camera: whether it should be analysed at a given moment (store-local time), and how to say
 * so. A camera outside its hours is stopped, not just ignored, so it costs nothing at night.
 */
import type { WorkingHours } from '../../contract/dto.js';

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * True when `at` (local time) lies within the hours. `close` before `open` spans midnight (22:00–06:00); the day
 * that counts is the one the shift started on. Equal open and close means around the clock on the listed days.
 */
export function withinHours(hours: WorkingHours | null, at: Date): boolean {
  if (hours === null) return true;
  const open = minutes(hours.open);
  const close = minutes(hours.close);
  const now = at.getHours() * 60 + at.getMinutes();
  const today = at.getDay();
  const yesterday = (today + 6) % 7;
  const onDay = (day: number): boolean => hours.days === undefined || hours.days.includes(day);
  if (open === close) return onDay(today);
  if (open < close) return onDay(today) && now >= open && now < close;
  return (onDay(today) && now >= open) || (onDay(yesterday) && now < close);
}

export function describeHours(hours: WorkingHours): string {
  const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const days =
    hours.days === undefined || hours.days.length === 7
      ? ''
      : ` on ${[...hours.days]
          .sort((a, b) => a - b)
          .map((d) => names[d])
          .join(', ')}`;
  return `${hours.open}–${hours.close}${days}`;
}
