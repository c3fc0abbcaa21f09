import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Order as OrderSchema } from '../../contract/dto.js';
import { createCustomer } from './customers.js';
import { addProduct } from './products.js';
import {
  advanceOrder,
  cancelOrder,
  createOrder,
  FIRST_ORDER_NUMBER,
  getOrder,
  latestOpenOrder,
  listOpenOrders,
  orderEvents,
} from './orders.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
  const { db, clock } = store;
  createCustomer(db, clock, { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
  createCustomer(db, clock, { id: 'c2', firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' });
  addProduct(db, { id: 'oat-milk', name: 'Oat milk', category: 'dairy', priceCents: 229, imageSvg: '<svg/>' });
  addProduct(db, { id: 'croissant', name: 'Croissant', category: 'bakery', priceCents: 180, imageSvg: '<svg/>' });
});
afterEach(() => store.close());

const newOrder = (customerId = 'c1') =>
  createOrder(store.db, store.clock, {
    customerId,
    items: [
      { productId: 'oat-milk', quantity: 2 },
      { productId: 'croissant', quantity: 1 },
    ],
    actor: 'online shop',
  });

describe('orders', () => {
  it('creates orders numbered from 1041 with items, customer name and a creation event', () => {
    const first = newOrder();
    const second = newOrder('c2');
    expect(first.number).toBe(FIRST_ORDER_NUMBER);
    expect(second.number).toBe(FIRST_ORDER_NUMBER + 1);
    expect(first).toEqual({
      id: first.id,
      number: 1041,
      customerId: 'c1',
      customerName: 'Ada Lovelace',
      status: 'preparing',
      items: [
        { productId: 'croissant', name: 'Croissant', quantity: 1 },
        { productId: 'oat-milk', name: 'Oat milk', quantity: 2 },
      ],
      createdAt: '2026-11-20T09:30:00.000Z',
      updatedAt: '2026-11-20T09:30:00.000Z',
    });
    expect(OrderSchema.parse(first)).toEqual(first);
    expect(orderEvents(store.db, first.id)).toEqual([
      { from: null, to: 'preparing', actor: 'online shop', at: '2026-11-20T09:30:00.000Z' },
    ]);
  });

  it('marks an order ready, then collected, recording who did it and when', () => {
    const order = newOrder();
    store.clock.advance(5 * 60_000);
    const ready = advanceOrder(store.db, store.clock, order.id, 'ready', 'Sam');
    expect(ready).toMatchObject({ status: 'ready', updatedAt: '2026-11-20T09:35:00.000Z' });
    store.clock.advance(60_000);
    expect(advanceOrder(store.db, store.clock, order.id, 'collected', 'Kim').status).toBe('collected');
    expect(orderEvents(store.db, order.id).slice(1)).toEqual([
      { from: 'preparing', to: 'ready', actor: 'Sam', at: '2026-11-20T09:35:00.000Z' },
      { from: 'ready', to: 'collected', actor: 'Kim', at: '2026-11-20T09:36:00.000Z' },
    ]);
  });

  it('marks an order ready only once', () => {
    const order = newOrder();
    advanceOrder(store.db, store.clock, order.id, 'ready', 'Sam');
    expect(() => advanceOrder(store.db, store.clock, order.id, 'ready', 'Sam')).toThrow(
      expect.objectContaining({ code: 'conflict', message: 'Order 1041 is already ready.' }),
    );
    expect(orderEvents(store.db, order.id)).toHaveLength(2);
  });

  it('refuses to skip from preparing straight to collected', () => {
    const order = newOrder();
    expect(() => advanceOrder(store.db, store.clock, order.id, 'collected', 'Sam')).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: 'Order 1041 is still being prepared; mark it ready first.',
      }),
    );
    expect(getOrder(store.db, order.id)?.status).toBe('preparing');
  });

  it('refuses any move of a collected order, including back to ready', () => {
    const order = newOrder();
    advanceOrder(store.db, store.clock, order.id, 'ready', 'Sam');
    advanceOrder(store.db, store.clock, order.id, 'collected', 'Sam');
    expect(() => advanceOrder(store.db, store.clock, order.id, 'ready', 'Sam')).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: 'Order 1041 was already collected; it cannot be changed any more.',
      }),
    );
  });

  it('refuses to advance a cancelled order', () => {
    const order = newOrder();
    cancelOrder(store.db, store.clock, order.id, 'Sam');
    expect(() => advanceOrder(store.db, store.clock, order.id, 'ready', 'Sam')).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: 'Order 1041 was cancelled; it cannot be changed any more.',
      }),
    );
    expect(orderEvents(store.db, order.id).map((e) => e.to)).toEqual(['preparing', 'cancelled']);
  });

  it('says when the order does not exist', () => {
    expect(() => advanceOrder(store.db, store.clock, 999, 'ready', 'Sam')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('lists open orders by number and leaves out collected and cancelled ones', () => {
    const a = newOrder('c1');
    const b = newOrder('c2');
    const c = newOrder('c1');
    advanceOrder(store.db, store.clock, b.id, 'ready', 'Sam');
    advanceOrder(store.db, store.clock, c.id, 'ready', 'Sam');
    advanceOrder(store.db, store.clock, c.id, 'collected', 'Sam');
    expect(listOpenOrders(store.db).map((o) => [o.number, o.status])).toEqual([
      [a.number, 'preparing'],
      [b.number, 'ready'],
    ]);
  });

  it('finds the latest open order of a customer', () => {
    expect(latestOpenOrder(store.db, 'c1')).toBeNull();
    newOrder('c1');
    store.clock.advance(60_000);
    const later = newOrder('c1');
    newOrder('c2');
    expect(latestOpenOrder(store.db, 'c1')?.id).toBe(later.id);
    cancelOrder(store.db, store.clock, later.id, 'Sam');
    expect(latestOpenOrder(store.db, 'c1')?.number).toBe(1041);
  });

  it('refuses an order without items', () => {
    expect(() => createOrder(store.db, store.clock, { customerId: 'c1', items: [], actor: 'x' })).toThrow(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
  });
});
