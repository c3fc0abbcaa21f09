/**
 * Security rules for browser mode: which Host and Origin headers are ours (a page on another site, or a DNS
 * rebinding attack, must not reach the local API), and the Content-Security-Policy every page is served with.
 */

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
  'Cache-Control': 'no-store',
};

/** Host names the server answers to. Exact matches only: a prefix or suffix check would let look-alike hosts in. */
export function allowedHosts(port: number, extraHosts: readonly string[] = []): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  for (const host of extraHosts) hosts.add(`${host}:${port}`);
  return hosts;
}

export function isAllowedHost(hostHeader: string | undefined, hosts: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && hosts.has(hostHeader.toLowerCase());
}

/** A WebSocket must come from one of our own pages: Origin is exactly http://<allowed host>. */
export function isAllowedOrigin(originHeader: string | undefined, hosts: ReadonlySet<string>): boolean {
  if (originHeader === undefined) return false;
  let url: URL;
  try {
    url = new URL(originHeader);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && url.origin === originHeader && hosts.has(url.host);
}
