import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Offer as OfferSchema } from '../../contract/dto.js';
import { seedDemoStore } from '../demo/seed-demo-store.js';
import { createCustomer } from '../store/customers.js';
import { addProduct } from '../store/products.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { idleOffers, recommendOffers } from './offers.js';

const DAY = 86_400_000;
let store: TestStore;
afterEach(() => store.close());

describe('offers on a small hand-made store', () => {
  let receipt = 0;
  const now = () => store.clock.now();

  /** One receipt for `customerId`, `daysAgo` days before now, with these products. */
  function buy(customerId: string, daysAgo: number, ...productIds: string[]): void {
    receipt += 1;
    const at = new Date(now() - daysAgo * DAY).toISOString();
    for (const productId of productIds) {
      store.db
        .prepare(
          'INSERT INTO purchases (receipt_id, customer_id, product_id, quantity, price_cents, purchased_at) VALUES (?, ?, ?, 1, 100, ?)',
        )
        .run(`r${receipt}`, customerId, productId, at);
    }
  }

  beforeEach(() => {
    store = openTestStore();
    const products: [string, string, boolean?, boolean?][] = [
      ['oat-milk', 'Oat milk'],
      ['espresso', 'Espresso beans'],
      ['croissant', 'Croissant'],
      ['bread', 'Bread'],
      ['soap', 'Soap'],
      ['bags', 'Bags'],
      ['chai', 'Chai mix', false],
      ['honey', 'Honey', true, true],
      ['jam', 'Jam', true, true],
    ];
    for (const [id, name, active, promoted] of products) {
      addProduct(store.db, {
        id,
        name,
        category: 'test',
        priceCents: 100,
        imageSvg: '<svg/>',
        active: active ?? true,
        promoted: promoted ?? false,
      });
    }
    for (const id of ['me', 'other', 'new'])
      createCustomer(store.db, store.clock, { id, firstName: id, lastName: 'X', email: `${id}@example.com` });
  });

  it('ranks what the customer bought recently above what they bought more often long ago', () => {
    for (let i = 0; i < 10; i += 1) buy('me', 150 + i, 'bread');
    for (let i = 0; i < 3; i += 1) buy('me', 2 + i, 'oat-milk');
    const offers = recommendOffers(store.db, 'me', { now: now(), k: 2 });
    expect(offers.map((o) => [o.product.id, o.reason])).toEqual([
      ['oat-milk', 'You often buy Oat milk'],
      ['bread', 'You often buy Bread'],
    ]);
    for (const offer of offers) OfferSchema.parse(offer);
  });

  it('suggests what goes with the customer’s habits when the store’s receipts show it more often than chance', () => {
    for (let i = 0; i < 4; i += 1) buy('me', 5 + i, 'espresso');
    for (let i = 0; i < 6; i += 1) buy('other', 3 + i, 'espresso', 'croissant');
    for (let i = 0; i < 6; i += 1) buy('other', 3 + i, 'soap');
    const offers = recommendOffers(store.db, 'me', { now: now(), k: 3 });
    expect(offers[0]).toMatchObject({ product: { id: 'espresso' }, reason: 'You often buy Espresso beans' });
    expect(offers[1]).toMatchObject({ product: { id: 'croissant' }, reason: 'Goes well with Espresso beans' });
  });

  it('does not call an item that is in nearly every basket a good match', () => {
    // Bags appear with espresso 4 times, but they are in 12 of 16 baskets: less often with espresso than chance.
    for (let i = 0; i < 4; i += 1) buy('me', 5 + i, 'espresso');
    for (let i = 0; i < 4; i += 1) buy('other', 3 + i, 'espresso', 'bags');
    for (let i = 0; i < 8; i += 1) buy('other', 3 + i, 'soap', 'bags');
    const offers = recommendOffers(store.db, 'me', { now: now(), k: 3 });
    expect(offers.filter((o) => o.reason.startsWith('Goes well with'))).toEqual([]);
  });

  it('never offers an inactive product, nor names one as the reason', () => {
    for (let i = 0; i < 6; i += 1) buy('me', 1 + i, 'chai');
    for (let i = 0; i < 6; i += 1) buy('other', 1 + i, 'chai', 'oat-milk');
    const offers = recommendOffers(store.db, 'me', { now: now(), k: 3 });
    expect(offers.map((o) => o.product.id)).not.toContain('chai');
    expect(offers.map((o) => o.reason).join(' ')).not.toContain('Chai');
  });

  it('fills up with store favourites for a customer with no history', () => {
    for (let i = 0; i < 5; i += 1) buy('other', 1 + i, 'bread', 'soap');
    buy('other', 1, 'oat-milk');
    const offers = recommendOffers(store.db, 'new', { now: now(), k: 3 });
    expect(offers.map((o) => [o.product.id, o.reason])).toEqual([
      ['bread', 'Popular in our store'],
      ['soap', 'Popular in our store'],
      ['oat-milk', 'Popular in our store'],
    ]);
  });

  it('ignores purchases after the given time', () => {
    for (let i = 0; i < 3; i += 1) buy('me', -1 - i, 'soap');
    for (let i = 0; i < 3; i += 1) buy('me', 10 + i, 'bread');
    expect(recommendOffers(store.db, 'me', { now: now(), k: 1 }).map((o) => o.product.id)).toEqual(['bread']);
  });

  it('shows featured products first on the idle screen, then popular ones, without repeats or inactive items', () => {
    for (let i = 0; i < 5; i += 1) buy('other', 1 + i, 'honey', 'bread', 'chai');
    buy('other', 1, 'soap');
    const offers = idleOffers(store.db, { now: now(), k: 4 });
    expect(offers.map((o) => [o.product.id, o.reason])).toEqual([
      ['honey', 'Featured in our store'],
      ['jam', 'Featured in our store'],
      ['bread', 'Popular in our store'],
      ['soap', 'Popular in our store'],
    ]);
  });

  it('returns nothing when asked for no offers', () => {
    expect(recommendOffers(store.db, 'me', { now: now(), k: 0 })).toEqual([]);
    expect(idleOffers(store.db, { now: now(), k: 0 })).toEqual([]);
  });
});

describe('offers on the demo store', () => {
  beforeEach(() => {
    store = openTestStore();
    seedDemoStore(store.db, { clock: store.clock });
  });

  it('gives a customer who buys coffee a lot coffee-related offers', () => {
    const coffeeLover = store.db
      .prepare<[], { customer_id: string; share: number }>(
        `SELECT u.customer_id, AVG(p.category = 'coffee & tea') AS share
         FROM purchases u JOIN products p ON p.id = u.product_id
         GROUP BY u.customer_id HAVING COUNT(DISTINCT u.receipt_id) >= 10
         ORDER BY share DESC LIMIT 1`,
      )
      .get();
    expect(coffeeLover?.share).toBeGreaterThan(0.4);
    const coffeeNames = store.db
      .prepare<[], string>("SELECT name FROM products WHERE category = 'coffee & tea'")
      .pluck()
      .all();

    const offers = recommendOffers(store.db, coffeeLover?.customer_id ?? '', { now: store.clock.now() });
    expect(offers).toHaveLength(3);
    expect(offers[0]?.product.category).toBe('coffee & tea');
    expect(offers[0]?.reason).toMatch(/^You often buy /);
    for (const offer of offers) {
      const coffeeItself = offer.product.category === 'coffee & tea';
      const goesWithCoffee = coffeeNames.some((name) => offer.reason === `Goes well with ${name}`);
      expect(coffeeItself || goesWithCoffee, `${offer.product.name}: ${offer.reason}`).toBe(true);
    }
  });

  it('gives every demo customer three distinct active offers with a reason', () => {
    const ids = store.db.prepare<[], string>('SELECT id FROM customers').pluck().all();
    const active = new Set(store.db.prepare<[], string>('SELECT id FROM products WHERE active = 1').pluck().all());
    for (const id of ids) {
      const offers = recommendOffers(store.db, id, { now: store.clock.now() });
      expect(offers).toHaveLength(3);
      expect(new Set(offers.map((o) => o.product.id)).size).toBe(3);
      for (const offer of offers) {
        expect(active.has(offer.product.id)).toBe(true);
        expect(offer.reason).toMatch(/^(You often buy|You have bought|Goes well with|Popular in our store)/);
      }
    }
  });

  it('fills the idle screen with 8 offers, featured ones first', () => {
    const offers = idleOffers(store.db, { now: store.clock.now() });
    expect(offers).toHaveLength(8);
    expect(offers[0]?.reason).toBe('Featured in our store');
    expect(offers.at(-1)?.reason).toBe('Popular in our store');
  });
});
