/**
 * The one origin the kiosk's windows are served from (`app://kiosk`), and exact checks against it.
 * Pure: no electron import, so it is unit-tested in plain Node.
 */
import type { Role } from '../contract/access.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page a window of this role loads; the same path as in browser mode, so relative links behave alike. */
export function windowUrl(role: Role): string {
  return `${APP_ORIGIN}/${role}`;
}

/**
 * The origin of a URL as Chromium serialises it. Node's URL gives 'null' for schemes it does not know
 * (our `app:`), so the standard-scheme form `scheme://host[:port]` is built by hand for it.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return `${APP_SCHEME}://${parsed.host}`;
  return parsed.origin === 'null' ? null : parsed.origin;
}

/** Exact comparison, never a prefix: `app://kiosk.evil` or `app://kiosk@x` must not pass. */
export function isAppOrigin(origin: string | null | undefined): boolean {
  return origin === APP_ORIGIN;
}

/**
 * Whether a navigation from `current` to `target` stays on the same page (only the fragment may change).
 * Anything else is refused: the windows never navigate, they are single-page apps.
 */
export function isSamePageNavigation(current: string, target: string): boolean {
  let from: URL;
  let to: URL;
  try {
    from = new URL(current);
    to = new URL(target);
  } catch {
    return false;
  }
  if (originOf(target) !== APP_ORIGIN || originOf(current) !== APP_ORIGIN) return false;
  return from.pathname === to.pathname && from.search === to.search;
}
