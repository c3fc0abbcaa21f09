import { describe, expect, it } from 'vitest';
import { HqFileError, messagesFrom } from './messages-file.js';

const order = {
  orderId: 'web-1',
  number: 7001,
  customer: { id: 'c', firstName: 'Grace', lastName: 'Hopper', email: '' },
  items: [{ productId: 'p', name: 'Coffee', quantity: 1 }],
  placedAt: '2026-11-20T09:00:00Z',
};

describe('the hq messages file', () => {
  it('reads sections: orders to the store, the catalogue to the whole chain, catalogue first', () => {
    const messages = messagesFrom({
      orders: [order],
      catalogue: { version: 2, products: [{ id: 'p', name: 'Coffee', category: 'coffee & tea', priceCents: 450 }] },
    });
    expect(messages.map((m) => [m.kind, m.scope])).toEqual([
      ['catalogue', 'chain'],
      ['order', 'store'],
    ]);
    expect(new Set(messages.map((m) => m.id)).size).toBe(2);
  });

  it('reads a list with given ids, so a test can send the same message twice', () => {
    const messages = messagesFrom([
      { kind: 'order', body: order, id: 'fixed-id-1' },
      { kind: 'order', body: order, id: 'fixed-id-1' },
    ]);
    expect(messages.map((m) => m.id)).toEqual(['fixed-id-1', 'fixed-id-1']);
  });

  it('says where a body is wrong before anything is sent', () => {
    expect(() => messagesFrom({ orders: [{ ...order, number: -1 }] })).toThrow(
      /orders\[0\]: not a valid order at number/,
    );
    expect(() => messagesFrom({ pizzas: [] })).toThrow(HqFileError);
    expect(() => messagesFrom([{ kind: 'order', body: order, scope: 'chain' }])).toThrow(/goes to one store/);
  });
});
