/**
 * The store's working hours: capture follows them, so outside them no frame is analysed (no detection, no
 * footfall, no recognition). The default is open all day every day, so a new kiosk works before the manager
 * has entered real hours.
 */
import type { WorkingHours } from '../../contract/admin-dto.js';
import { WEEKDAYS } from '../../contract/admin-dto.js';
import { localTimeIn } from './local-time.js';

/** The zone the machine runs in: the store PC's own clock is the store's clock. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function alwaysOpen(timeZone: string): WorkingHours {
  const day = { open: '00:00', close: '24:00' };
  return { timeZone, days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } };
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when `nowMs` falls within the opening hours of its local weekday (opening minute included, closing excluded). */
export function isWithinWorkingHours(hours: WorkingHours, nowMs: number): boolean {
  return new WorkingHoursGate(hours).allows(nowMs);
}

/** "Mon–Fri 08:00–20:00; Sat 09:00–18:00; Sun closed", for the notice and the admin window. */
export function describeWorkingHours(hours: WorkingHours): string {
  const label = (d: (typeof WEEKDAYS)[number]): string => d.charAt(0).toUpperCase() + d.slice(1);
  const text = (d: (typeof WEEKDAYS)[number]): string => {
    const day = hours.days[d];
    if (day === null) return 'closed';
    if (day.open === '00:00' && day.close === '24:00') return 'all day';
    return `${day.open}–${day.close}`;
  };
  const groups: { first: (typeof WEEKDAYS)[number]; last: (typeof WEEKDAYS)[number]; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const current = groups.at(-1);
    if (current && current.text === text(day)) current.last = day;
    else groups.push({ first: day, last: day, text: text(day) });
  }
  if (groups.length === 1 && groups[0]?.text === 'all day') return 'every day, all day';
  return groups
    .map((g) => `${g.first === g.last ? label(g.first) : `${label(g.first)}–${label(g.last)}`} ${g.text}`)
    .join('; ');
}

/**
 * A cached gate for the camera: reading the settings per frame is cheap, but the formatter is not, so the gate
 * keeps one formatter per zone and is told when the hours change.
 */
export class WorkingHoursGate {
  private hours: WorkingHours;
  private local: ReturnType<typeof localTimeIn>;

  constructor(hours: WorkingHours) {
    this.hours = hours;
    this.local = localTimeIn(hours.timeZone);
  }

  update(hours: WorkingHours): void {
    this.hours = hours;
    this.local = localTimeIn(hours.timeZone);
  }

  allows(nowMs: number): boolean {
    const local = this.local(nowMs);
    const day = this.hours.days[local.weekday];
    if (day === null) return false;
    const minute = local.hour * 60 + local.minute;
    return minute >= minutesOf(day.open) && minute < minutesOf(day.close);
  }
}
