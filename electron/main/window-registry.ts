/**
 * Which window (webContents id) was created for which role. The IPC router asks it who is calling and
 * who should receive an event. A webContents the shell did not create (a webview, a popup) is unknown
 * here, so it can call nothing and receives nothing.
 */
import { receives, type EventName, type Role } from '../contract/access.js';

export interface WindowRegistry {
  register(webContentsId: number, role: Role): void;
  unregister(webContentsId: number): void;
  roleOf(webContentsId: number): Role | null;
  /** The webContents ids whose role receives this event. */
  audienceOf(event: EventName): number[];
  /** Sign-in state in the core is kept per connection; one window is one connection. */
  connectionIdOf(webContentsId: number): string;
}

export function createWindowRegistry(): WindowRegistry {
  const roles = new Map<number, Role>();
  return {
    register(webContentsId, role) {
      const existing = roles.get(webContentsId);
      // A webContents keeps the role it was created for; re-registering it under another role is a bug.
      if (existing !== undefined && existing !== role) {
        throw new Error(`webContents ${webContentsId} is already the ${existing} window, not ${role}.`);
      }
      roles.set(webContentsId, role);
    },
    unregister(webContentsId) {
      roles.delete(webContentsId);
    },
    roleOf(webContentsId) {
      return roles.get(webContentsId) ?? null;
    },
    audienceOf(event) {
      return [...roles].filter(([, role]) => receives(role, event)).map(([id]) => id);
    },
    connectionIdOf(webContentsId) {
      return `window-${webContentsId}`;
    },
  };
}
