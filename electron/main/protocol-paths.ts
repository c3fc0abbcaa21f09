/**
 * Maps an `app://kiosk/...` request to a file of the built renderer (dist/renderer), refusing anything
 * else: another host, an encoded or literal `..`, a backslash, a NUL byte, a file type we do not serve.
 * Page routes (`/customer`, `/staff/`, ...) map to that window's index.html, as in browser mode.
 * Pure (node:path only), so the refusal rules are unit-tested without Electron.
 */
import path from 'node:path';
import { isRole } from '../contract/access.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

export type AppRequest =
  | { readonly kind: 'file'; readonly file: string; readonly contentType: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404; readonly reason: string };

function refused(status: 400 | 403 | 404, reason: string): AppRequest {
  return { kind: 'refused', status, reason };
}

export function contentTypeFor(file: string): string | null {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? null;
}

/** Resolves `requestUrl` to an absolute path under `rendererRoot`, or says why it is refused. */
export function resolveAppRequest(rendererRoot: string, requestUrl: string): AppRequest {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refused(400, 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refused(403, 'not the app origin');
  if (url.username !== '' || url.password !== '') return refused(403, 'credentials in URL');

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return refused(400, 'malformed percent-encoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return refused(403, 'forbidden character in path');
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  // Refuse rather than normalise: a request that names `..` or `.` is never one our pages make.
  if (segments.some((segment) => segment === '..' || segment === '.')) return refused(403, 'path traversal');

  const root = path.resolve(rendererRoot);
  const first = segments[0];
  const relative = segments.length === 1 && first !== undefined && isRole(first) ? [first, 'index.html'] : segments;
  if (relative.length === 0) return refused(404, 'no page at the root');

  const file = path.resolve(root, ...relative);
  // Invariant: whatever the URL said, the file stays under the renderer folder.
  const fromRoot = path.relative(root, file);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot)) {
    return refused(403, 'outside the renderer folder');
  }
  const contentType = contentTypeFor(file);
  if (contentType === null) return refused(404, 'file type not served');
  return { kind: 'file', file, contentType };
}
