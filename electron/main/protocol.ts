/**
 * The privileged `app://kiosk` scheme the windows load from. It serves only files under dist/renderer
 * (see protocol-paths.ts for the refusal rules), each with the strict Content-Security-Policy, and
 * answers nothing but GET and HEAD.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type Session } from 'electron';
import type { Logger } from '../core/logger.js';
import { APP_SCHEME } from './app-origin.js';
import { APP_RESPONSE_HEADERS } from './csp.js';
import { resolveAppRequest } from './protocol-paths.js';

/** Must run before the app is ready: Chromium fixes scheme privileges at start-up. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origins and relative URLs; secure: a secure context, so getUserMedia works.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false },
    },
  ]);
}

function refusal(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function isUnder(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

export function serveRenderer(session: Session, rendererRoot: string, logger: Logger): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    const resolved = resolveAppRequest(rendererRoot, request.url);
    if (resolved.kind === 'refused') {
      logger.warn('refused an app:// request', { url: request.url.slice(0, 300), reason: resolved.reason });
      return refusal(resolved.status, resolved.status === 404 ? 'Not found' : 'Forbidden');
    }
    try {
      // A symlink inside dist/renderer must not lead outside it either.
      const [realRoot, realFile] = await Promise.all([realpath(rendererRoot), realpath(resolved.file)]);
      if (!isUnder(realRoot, realFile)) return refusal(403, 'Forbidden');
      const body = await readFile(realFile);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': resolved.contentType },
      });
    } catch {
      return refusal(404, 'Not found');
    }
  });
}
