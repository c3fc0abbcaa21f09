import { describe, expect, it } from 'vitest';
import { APP_RESPONSE_HEADERS, CONTENT_SECURITY_POLICY } from './csp.js';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('content security policy', () => {
  it('allows scripts only from the app itself, with no inline or eval', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('script-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('default-src')).toBe("'self'");
  });

  it('has every directive the kiosk promises', () => {
    expect(Object.fromEntries(directives(CONTENT_SECURITY_POLICY))).toEqual({
      'default-src': "'self'",
      'img-src': "'self' data:",
      'style-src': "'self' 'unsafe-inline'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('is sent with nosniff on every response', () => {
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(APP_RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});
