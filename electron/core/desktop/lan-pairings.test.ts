import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventHub } from '../event-hub.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { CODE_TTL_MS, LanPairings } from './lan-pairings.js';

let store: TestStore;
let lan: LanPairings;
let events: string[];

beforeEach(() => {
  store = openTestStore();
  const hub = new EventHub(store.logger);
  events = [];
  hub.on((event) => events.push(event));
  lan = new LanPairings(store.db, store.clock, hub);
});
afterEach(() => store.close());

function openCode(label = 'Pickup counter'): string {
  const code = lan.newCode(label).code?.code;
  if (code === undefined) throw new Error('no code');
  return code;
}

describe('LAN tablet pairing', () => {
  it('is off by default and refuses to open a code until a manager turns it on', () => {
    expect(lan.status()).toMatchObject({ enabled: false, pairings: [], code: null });
    expect(() => lan.newCode('Pickup counter')).toThrow(/Turn on/);
  });

  it('pairs a tablet with the one-time code, once, and stores only a hash of its token', () => {
    lan.setEnabled(true);
    const code = openCode();
    expect(code).toMatch(/^\d{6}$/);
    const outcome = lan.redeem(code);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.token.length).toBeGreaterThanOrEqual(40);
    expect(lan.redeem(code)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no open pairing code/) as unknown,
    });
    const stored = store.db.prepare('SELECT token_hash FROM lan_pairings').pluck().all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(outcome.token);
    expect(lan.verify(outcome.token)).toBe(outcome.pairingId);
    expect(lan.status().pairings).toEqual([
      {
        id: outcome.pairingId,
        label: 'Pickup counter',
        createdAt: '2026-11-20T09:30:00.000Z',
        lastSeenAt: '2026-11-20T09:30:00.000Z',
      },
    ]);
    expect(events).toContain('lan.changed');
  });

  it('closes a code after five wrong guesses', () => {
    lan.setEnabled(true);
    const code = openCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      expect(lan.redeem(wrong)).toMatchObject({ ok: false, message: expect.stringMatching(/not right/) as unknown });
    expect(lan.redeem(wrong)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Too many wrong codes/) as unknown,
    });
    expect(lan.redeem(code).ok).toBe(false);
  });

  it('lets a code expire after ten minutes', () => {
    lan.setEnabled(true);
    const code = openCode();
    store.clock.advance(CODE_TTL_MS);
    expect(lan.redeem(code).ok).toBe(false);
    expect(lan.status().code).toBeNull();
  });

  it('refuses a revoked tablet, and every tablet while LAN access is off', () => {
    lan.setEnabled(true);
    const first = lan.redeem(openCode('Counter'));
    const second = lan.redeem(openCode('Back office'));
    if (!first.ok || !second.ok) throw new Error('pairing failed');
    lan.revoke(first.pairingId);
    expect(lan.verify(first.token)).toBeNull();
    expect(lan.verify(second.token)).toBe(second.pairingId);
    lan.setEnabled(false);
    expect(lan.verify(second.token)).toBeNull();
    expect(() => lan.revoke(first.pairingId)).toThrow(/not paired/);
  });

  it('refuses tokens that are not ours, whatever their shape', () => {
    lan.setEnabled(true);
    for (const token of ['', 'short', 'x'.repeat(43), 'x'.repeat(500)]) expect(lan.verify(token)).toBeNull();
  });
});
