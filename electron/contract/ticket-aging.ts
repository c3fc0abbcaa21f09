/**
 * How a pickup ticket ages, the way kitchen display systems do it: normal, then amber, then red, counted from the
 * moment the customer arrived. Shared by the core (its tests) and the staff window (which re-colours tickets as
 * the minutes pass without asking the core).
 */

export type TicketAge = 'normal' | 'amber' | 'red';

export interface AgingThresholds {
  readonly amberAfterMinutes: number;
  readonly redAfterMinutes: number;
}

/** The colour of a ticket `nowMs` after `arrivedAtIso`. An arrival in the future (clock skew) is normal. */
export function ticketAge(arrivedAtIso: string, nowMs: number, thresholds: AgingThresholds): TicketAge {
  const arrived = Date.parse(arrivedAtIso);
  if (Number.isNaN(arrived)) return 'normal';
  const waited = nowMs - arrived;
  if (waited >= thresholds.redAfterMinutes * 60_000) return 'red';
  if (waited >= thresholds.amberAfterMinutes * 60_000) return 'amber';
  return 'normal';
}

/** Milliseconds until the ticket changes colour next, or null once it is red (the board re-renders then). */
export function msUntilNextAge(arrivedAtIso: string, nowMs: number, thresholds: AgingThresholds): number | null {
  const arrived = Date.parse(arrivedAtIso);
  if (Number.isNaN(arrived)) return null;
  for (const minutes of [thresholds.amberAfterMinutes, thresholds.redAfterMinutes]) {
    const at = arrived + minutes * 60_000;
    if (at > nowMs) return at - nowMs;
  }
  return null;
}
