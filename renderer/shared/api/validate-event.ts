/**
 * Checks an event pushed by the core before any window sees it: the name must be one this role receives and
 * the payload must match the contract's zod schema. Whatever arrives over a socket is untrusted input.
 */
import { EVENT_NAMES, receives, type EventName, type Role } from '../../../electron/contract/access.js';
import { EVENTS } from '../../../electron/contract/events.js';

export type EventCheck =
  | { readonly ok: true; readonly event: EventName; readonly payload: unknown }
  | { readonly ok: false; readonly reason: string };

function isEventName(value: string): value is EventName {
  return (EVENT_NAMES as readonly string[]).includes(value);
}

export function validateEvent(role: Role, event: string, payload: unknown): EventCheck {
  if (!isEventName(event)) return { ok: false, reason: `unknown event "${event.slice(0, 100)}"` };
  if (!receives(role, event)) return { ok: false, reason: `the ${role} window does not receive "${event}"` };
  const parsed = EVENTS[event].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return { ok: false, reason: `invalid "${event}" payload (${where}${issue?.message ?? 'does not match'})` };
  }
  return { ok: true, event, payload: parsed.data };
}
