import { describe, expect, it } from 'vitest';
import { chainDownTopic, downSubscriptions, parseDownTopic, storeDownTopic, upTopic } from './topics.js';

describe('the topic scheme', () => {
  it('names up and down topics under a versioned root', () => {
    expect(upTopic('s-1', 'visit')).toBe('kiosk/v1/store/s-1/up/visit');
    expect(storeDownTopic('s-1', 'order')).toBe('kiosk/v1/store/s-1/down/order');
    expect(chainDownTopic('erasure')).toBe('kiosk/v1/chain/down/erasure');
    expect(downSubscriptions('s-1')).toEqual(['kiosk/v1/store/s-1/down/+', 'kiosk/v1/chain/down/+']);
  });

  it('reads store and chain topics back', () => {
    expect(parseDownTopic('kiosk/v1/store/s-1/down/order-cancel')).toEqual({
      ok: true,
      topic: { scope: 'store', storeId: 's-1', kind: 'order-cancel' },
    });
    expect(parseDownTopic('kiosk/v1/chain/down/catalogue')).toEqual({
      ok: true,
      topic: { scope: 'chain', kind: 'catalogue' },
    });
  });

  it('refuses unknown kinds, orders for the whole chain and other versions', () => {
    expect(parseDownTopic('kiosk/v1/store/s-1/down/pizza')).toMatchObject({ ok: false });
    expect(parseDownTopic('kiosk/v1/chain/down/order')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/every store/),
    });
    expect(parseDownTopic('kiosk/v2/chain/down/catalogue')).toMatchObject({ ok: false });
  });
});
