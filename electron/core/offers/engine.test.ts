import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Offer as OfferSchema } from '../../contract/dto.js';
import { upsertCampaign } from '../board/campaigns.js';
import { seedDemoStore } from '../demo/seed-demo-store.js';
import { createCustomer } from '../store/customers.js';
import { addProduct } from '../store/products.js';
import { setSetting } from '../store/settings.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { OfferEngine } from './engine.js';
import { idleOffers, recommendOffers } from './index.js';
import { DEFAULT_OFFER_TUNING } from './model.js';
import { readOfferSettings, writeOfferSettings } from './offer-settings.js';

const DAY = 86_400_000;
let store: TestStore;
afterEach(() => store.close());

describe('offers from the SQLite store', () => {
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

  it('names the customer’s habits and what goes with them in honest sentences', () => {
    for (let i = 0; i < 4; i += 1) buy('me', 5 + i, 'espresso');
    buy('me', 3, 'oat-milk');
    for (let i = 0; i < 6; i += 1) buy('other', 3 + i, 'espresso', 'croissant');
    for (let i = 0; i < 6; i += 1) buy('other', 3 + i, 'soap');
    const offers = recommendOffers(store.db, 'me', {
      now: now(),
      k: 3,
      tuning: { ...DEFAULT_OFFER_TUNING, popularWeight: 0 },
    });
    expect(offers.map((o) => [o.product.id, o.reason])).toEqual([
      ['espresso', 'You often buy Espresso beans'],
      ['oat-milk', 'You have bought Oat milk before'],
      ['croissant', 'Goes well with Espresso beans'],
    ]);
    for (const offer of offers) OfferSchema.parse(offer);
  });

  it('never offers an inactive product, nor names one as the reason', () => {
    for (let i = 0; i < 6; i += 1) buy('me', 1 + i, 'chai');
    for (let i = 0; i < 6; i += 1) buy('other', 1 + i, 'chai', 'oat-milk');
    const offers = recommendOffers(store.db, 'me', { now: now(), k: 3 });
    expect(offers.map((o) => o.product.id)).not.toContain('chai');
    expect(offers.map((o) => o.reason).join(' ')).not.toContain('Chai');
  });

  it('follows the manager’s exclusions and stock from the settings', () => {
    for (let i = 0; i < 3; i += 1) buy('me', 1 + i, 'bread', 'soap', 'jam');
    writeOfferSettings(store.db, { excludedProductIds: ['soap'], stock: { jam: 0, bread: 4 } });
    expect(recommendOffers(store.db, 'me', { now: now(), k: 3 }).map((o) => o.product.id)).toEqual(['bread']);
  });

  it('ignores a stored setting of the wrong shape instead of failing, and refuses to write one', () => {
    setSetting(store.db, 'offers.excludedProductIds', 'soap');
    setSetting(store.db, 'offers.demographicTargeting', 'yes');
    expect(readOfferSettings(store.db)).toMatchObject({ excludedProductIds: [], demographicTargeting: false });
    expect(() => writeOfferSettings(store.db, { maxDiscountPercent: 150 })).toThrow(/not saved.*Correct the value/);
  });

  it('keeps demographic targeting off until a manager switches it on', () => {
    expect(readOfferSettings(store.db).demographicTargeting).toBe(false);
    writeOfferSettings(store.db, { demographicTargeting: true });
    expect(readOfferSettings(store.db).demographicTargeting).toBe(true);
  });

  it('gives a live campaign from the campaigns table one place, unless it promises more than the maximum discount', () => {
    for (let i = 0; i < 4; i += 1) buy('me', 1 + i, 'bread', 'oat-milk', 'soap');
    upsertCampaign(store.db, store.clock, {
      id: 'honey-week',
      headline: 'Honey week: 25% off',
      body: '',
      productId: 'honey',
      startsOn: null,
      endsOn: null,
      days: null,
      startTime: null,
      endTime: null,
      priority: 1,
      active: true,
      source: 'local',
    });
    const engine = new OfferEngine(store.db, { timeZone: () => 'UTC' });
    const offers = engine.recommend('me', { now: now(), k: 3 });
    expect(offers.map((o) => o.product.id)).toHaveLength(3);
    expect(offers[2]).toMatchObject({ product: { id: 'honey' }, reason: 'Honey week: 25% off' });
    writeOfferSettings(store.db, { maxDiscountPercent: 20 });
    expect(engine.recommend('me', { now: now(), k: 3 }).map((o) => o.product.id)).not.toContain('honey');
  });

  it('fills up with store favourites for a customer with no history', () => {
    for (let i = 0; i < 5; i += 1) buy('other', 1 + i, 'bread', 'soap');
    buy('me', 1, 'oat-milk');
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

  it('reuses its model until new receipts arrive and a minute has passed', () => {
    for (let i = 0; i < 3; i += 1) buy('other', 1 + i, 'bread');
    const engine = new OfferEngine(store.db);
    const first = engine.modelFor(now());
    expect(engine.modelFor(now())).toBe(first);
    for (let i = 0; i < 5; i += 1) buy('me', 0, 'soap');
    expect(engine.modelFor(now())).toBe(first);
    store.clock.advance(61_000);
    const second = engine.modelFor(now());
    expect(second).not.toBe(first);
    expect(first.popular.map((p) => p.item)).toEqual(['bread']);
    expect(second.popular.map((p) => p.item)).toEqual(['soap', 'bread']);
  });

  it('shows featured products first on the idle screen, then popular ones, without repeats, inactive or excluded items', () => {
    for (let i = 0; i < 5; i += 1) buy('other', 1 + i, 'honey', 'bread', 'chai');
    buy('other', 1, 'soap');
    buy('me', 1, 'croissant');
    writeOfferSettings(store.db, { excludedProductIds: ['croissant'] });
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

  it('puts a coffee lover’s coffee first, and every offer’s reason is true of their shopping', () => {
    const coffeeLover = store.db
      .prepare<[], { customer_id: string; share: number }>(
        `SELECT u.customer_id, AVG(p.category = 'coffee & tea') AS share
         FROM purchases u JOIN products p ON p.id = u.product_id
         GROUP BY u.customer_id HAVING COUNT(DISTINCT u.receipt_id) >= 10
         ORDER BY share DESC LIMIT 1`,
      )
      .get();
    expect(coffeeLover?.share).toBeGreaterThan(0.4);
    const id = coffeeLover?.customer_id ?? '';
    const bought = new Set(
      store.db
        .prepare<[string], string>('SELECT DISTINCT product_id FROM purchases WHERE customer_id = ?')
        .pluck()
        .all(id),
    );
    const offers = recommendOffers(store.db, id, { now: store.clock.now() });
    expect(offers).toHaveLength(3);
    expect(offers[0]?.product.category).toBe('coffee & tea');
    for (const offer of offers) {
      if (/^(You often buy|You have bought)/.test(offer.reason)) expect(bought.has(offer.product.id)).toBe(true);
      else expect(offer.reason).toMatch(/^(Goes well with|Popular in our store)/);
    }
  });

  it('gives every demo customer three distinct active offers with a reason', () => {
    const ids = store.db.prepare<[], string>('SELECT id FROM customers').pluck().all();
    const active = new Set(store.db.prepare<[], string>('SELECT id FROM products WHERE active = 1').pluck().all());
    const engine = new OfferEngine(store.db);
    for (const id of ids) {
      const offers = recommendOffers(store.db, id, { now: store.clock.now(), engine });
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
