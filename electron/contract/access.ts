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
  'alerts.confirm': ['staff'],
  'recognition.reject': ['staff'],
  'vision.stats': ['admin'],
  'orders.recall': ['staff'],
  'board.history': ['staff'],
  'board.config': ['staff', 'admin'],
  'board.saveConfig': ['admin'],
  'display.current': ['customer'],
  'camera.status': ['admin', 'staff'],
  'camera.pushFrame': ['capture'],
  'camera.reportError': ['capture'],
  // Manager controls and privacy (electron/core/admin): reports, accounts, audit log, settings, backups, notice.
  'auth.clerkLogin': ['staff'],
  'auth.clerkLogout': ['staff'],
  'customers.withdrawConsent': ['admin'],
  'reports.audience': ['admin'],
  'reports.exportCsv': ['admin'],
  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.setDisabled': ['admin'],
  'users.resetPassword': ['admin'],
  'audit.list': ['admin'],
  'privacy.settings': ['admin'],
  'privacy.updateSettings': ['admin'],
  'privacy.notice': ['admin'],
  'privacy.purgeNow': ['admin'],
  'backups.list': ['admin'],
  'backups.create': ['admin'],
  'backups.restore': ['admin'],
  'cameras.list': ['admin'],
  'cameras.save': ['admin'],
  'cameras.remove': ['admin'],
  'cameras.watch': ['admin'],
  'cameras.devices': ['admin'],
  'capture.plan': ['capture'],
  'capture.reportDevices': ['capture'],
  // Desktop product (kiosk placement and lock, LAN tablets, cloud matching, support). The shell reports
  // displays as the admin role over its own connection id; the handler refuses any other connection.
  'kiosk.state': ['admin'],
  'kiosk.updateSettings': ['admin'],
  'kiosk.unlock': ['admin'],
  'kiosk.lock': ['admin'],
  'kiosk.reportDisplays': ['admin'],
  'support.exportLogs': ['admin'],
  'lan.status': ['admin'],
  'lan.setEnabled': ['admin'],
  'lan.newCode': ['admin'],
  'lan.revoke': ['admin'],
  'cloud.status': ['admin'],
  'cloud.updateSettings': ['admin'],
  'sync.status': ['admin', 'staff'],
  'sync.settings.get': ['admin'],
  'sync.settings.set': ['admin'],
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
  'board.config': ['staff', 'admin'],
  'cameras.changed': ['admin', 'capture'],
  'kiosk.changed': ['admin'],
  'lan.changed': ['admin'],
  'cloud.changed': ['admin'],
  'sync.status': ['admin', 'staff'],
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
