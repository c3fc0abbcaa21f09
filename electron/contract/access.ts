/**
 * Which window may call which command, and which windows receive which event.
 *
 * Kept free of zod so the sandboxed preloads can import it without pulling the schemas in.
 * Every command and event name in the product is written here once; `commands.ts` and
 * `events.ts` are checked against these tables by the compiler.
 */

export const ROLES = ['customer', 'staff', 'admin', 'capture'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const ALL: readonly Role[] = ROLES;

export const COMMAND_ACCESS = {
  'app.info': ALL,
  'auth.status': ['admin', 'staff'],
  'auth.setupManager': ['admin'],
  'auth.login': ['admin'],
  'auth.logout': ['admin'],
  'customers.list': ['admin'],
  'customers.erase': ['admin'],
  'consent.text': ['admin'],
  'enrolment.start': ['admin'],
  'enrolment.captureSample': ['admin'],
  'enrolment.finish': ['admin'],
  'enrolment.cancel': ['admin'],
  'orders.listOpen': ['staff'],
  'orders.advance': ['staff'],
  'alerts.list': ['staff'],
  'alerts.dismiss': ['staff'],
  'display.current': ['customer'],
  'camera.status': ['admin', 'staff'],
  'camera.pushFrame': ['capture'],
  'camera.reportError': ['capture'],
} as const satisfies Record<string, readonly Role[]>;

export type CommandName = keyof typeof COMMAND_ACCESS;

export const COMMAND_NAMES = Object.keys(COMMAND_ACCESS) as CommandName[];

export function isCommandName(value: string): value is CommandName {
  return Object.hasOwn(COMMAND_ACCESS, value);
}

export function mayCall(role: Role, command: CommandName): boolean {
  return (COMMAND_ACCESS[command] as readonly Role[]).includes(role);
}

export function commandsFor(role: Role): CommandName[] {
  return COMMAND_NAMES.filter((name) => mayCall(role, name));
}

export const EVENT_AUDIENCE = {
  'display.changed': ['customer'],
  'alerts.changed': ['staff'],
  'orders.changed': ['staff'],
  'camera.status': ['admin', 'staff'],
  'camera.preview': ['admin'],
  'customers.changed': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type EventName = keyof typeof EVENT_AUDIENCE;

export const EVENT_NAMES = Object.keys(EVENT_AUDIENCE) as EventName[];

export function receives(role: Role, event: EventName): boolean {
  return (EVENT_AUDIENCE[event] as readonly Role[]).includes(role);
}

/** Electron IPC channel names (the WebSocket transport uses the same command and event names). */
export const IPC_CHANNELS = {
  call: 'kiosk:call',
  event: 'kiosk:event',
} as const;
