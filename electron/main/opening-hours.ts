/**
 * Whether the store is open at a local time, from the manager's opening hours. The shell keeps the screens awake
 * (powerSaveBlocker) only while it is: a store PC left on overnight may let its screens sleep. A close time before
 * the open time means the store is open past midnight.
 */
import type { OpeningHours } from '../contract/desktop.js';

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** `localMinutes` is minutes since local midnight (date.getHours() * 60 + date.getMinutes()). */
export function isStoreOpen(hours: OpeningHours, localMinutes: number): boolean {
  const open = minutes(hours.open);
  const close = minutes(hours.close);
  if (open === close) return true; // "00:00–00:00": open around the clock.
  if (open < close) return localMinutes >= open && localMinutes < close;
  return localMinutes >= open || localMinutes < close;
}
