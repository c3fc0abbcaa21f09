/**
 * Which browser permissions a window may have: only the camera (video, no microphone), only for pages
 * on exactly `app://kiosk`, only in the capture and admin windows. Everything else is denied.
 * Pure, so the rule is unit-tested without Electron.
 */
import type { Role } from '../contract/access.js';
import { isAppOrigin } from './app-origin.js';

const CAMERA_ROLES: readonly Role[] = ['capture', 'admin'];

export interface PermissionAsk {
  /** Role of the webContents asking, or null when the shell did not create it. */
  readonly role: Role | null;
  /** Electron's permission name, e.g. 'media', 'notifications', 'geolocation'. */
  readonly permission: string;
  /** Origin of the requesting page, as Chromium serialises it. */
  readonly origin: string | null;
  /** For 'media': the kinds asked for ('video', 'audio'); empty when Electron did not say. */
  readonly mediaTypes: readonly string[];
}

export function mayGrantPermission(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media') return false;
  if (ask.role === null || !CAMERA_ROLES.includes(ask.role)) return false;
  if (!isAppOrigin(ask.origin)) return false;
  // A request that does not say what it wants, or wants the microphone too, is refused whole.
  return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'video');
}
