/**
 * The Content-Security-Policy every page of the app:// protocol is served with. Scripts and styles
 * come only from the app itself; images may also be data: URLs (camera preview, thumbnails).
 */

const DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** Headers sent with every response of the app:// protocol. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
