/**
 * Resolves a request path to a file of the built renderer, refusing anything outside it. Page routes
 * (/customer, /staff, /admin, /capture) map to that window's index.html.
 */
import path from 'node:path';
import { ROLES, isRole } from '../contract/access.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(file: string): string | null {
  return TYPES[path.extname(file).toLowerCase()] ?? null;
}

export const PAGE_ROLES = ROLES;

/** Returns an absolute file path inside `rendererDir`, or null when the path is not one of ours. */
export function resolveStatic(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const trimmed = decoded.replace(/\/+$/, '');
  const segments = trimmed.split('/').filter((s) => s.length > 0);
  if (segments.length === 1 && segments[0] !== undefined && isRole(segments[0])) {
    return path.join(rendererDir, segments[0], 'index.html');
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, '.' + path.posix.normalize('/' + segments.join('/')));
  // Invariant: whatever the request said, the file stays under the renderer folder.
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (contentTypeFor(file) === null) return null;
  return file;
}
