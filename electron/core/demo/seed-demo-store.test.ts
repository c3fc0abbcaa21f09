import { afterEach, describe, expect, it } from 'vitest';
import { Order as OrderSchema, Product as ProductSchema } from '../../contract/dto.js';
import { listCustomers } from '../store/customers.js';
import { listOpenOrders } from '../store/orders.js';
import { listProducts } from '../store/products.js';
import { storeName } from '../store/settings.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { CATEGORIES, DEMO_CUSTOMER_NAMES } from './catalogue.js';
import { DEMO_HISTORY_DAYS, DEMO_STORE_NAME, seedDemoStore } from './seed-demo-store.js';

const stores: TestStore[] = [];
function seeded(at = '2026-11-20T09:30:00.000Z', seed?: number): TestStore {
  const store = openTestStore(at);
  stores.push(store);
  expect(seedDemoStore(store.db, { clock: store.clock, ...(seed === undefined ? {} : { seed }) }).seeded).toBe(true);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const TABLES = ['settings', 'products', 'customers', 'purchases', 'orders', 'order_items', 'order_events'];
const dump = (store: TestStore) =>
  Object.fromEntries(TABLES.map((table) => [table, store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));

describe('seedDemoStore', () => {
  it('gives identical rows for two seeds on the same day, whatever the hour', () => {
    const a = seeded('2026-11-20T07:05:00.000Z');
    const b = seeded('2026-11-20T18:45:00.000Z');
    expect(dump(b)).toEqual(dump(a));
  });

  it('gives a different store for a different seed', () => {
    expect(dump(seeded(undefined, 7)).purchases).not.toEqual(dump(seeded(undefined, 42)).purchases);
  });

  it('names the store and fills about 40 products in 6 categories with SVG tiles and no photos', () => {
    const { db } = seeded();
    expect(storeName(db, 'fallback')).toBe(DEMO_STORE_NAME);
    const products = listProducts(db, { includeInactive: true });
    expect(products.length).toBeGreaterThanOrEqual(36);
    expect(products.length).toBeLessThanOrEqual(44);
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(CATEGORIES));
    for (const product of products) {
      ProductSchema.parse(product);
      expect(product.priceCents).toBeGreaterThan(50);
      expect(product.priceCents).toBeLessThan(1500);
      expect(product.imageUrl.startsWith('data:image/svg+xml;base64,')).toBe(true);
      const svg = Buffer.from(product.imageUrl.split(',')[1] ?? '', 'base64').toString('utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).not.toMatch(/<image|\.jpe?g|\.png/i);
    }
    expect(listProducts(db).length).toBeLessThan(products.length); // one product is discontinued
  });

  it('creates 36 customers with distinct names and example.com e-mails, none of them enrolled', () => {
    const { db } = seeded();
    const customers = listCustomers(db);
    expect(customers).toHaveLength(36);
    expect(DEMO_CUSTOMER_NAMES).toHaveLength(36);
    expect(new Set(customers.map((c) => `${c.firstName} ${c.lastName}`)).size).toBe(36);
    for (const customer of customers) {
      expect(customer.email).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+@example\.com$/);
      expect(customer).toMatchObject({ enrolled: false, templates: 0, consent: null });
    }
    for (const table of ['consents', 'face_templates', 'customer_thumbnails', 'visits', 'users']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });

  it('gives every customer 5 to 40 receipts of 1 to 6 items within the last 180 days', () => {
    const { db, clock } = seeded();
    const day0 = Math.floor(clock.now() / 86_400_000) * 86_400_000;
    const perCustomer = db
      .prepare<
        [],
        { customer_id: string; receipts: number }
      >('SELECT customer_id, COUNT(DISTINCT receipt_id) AS receipts FROM purchases GROUP BY customer_id')
      .all();
    expect(perCustomer).toHaveLength(36);
    for (const row of perCustomer) {
      expect(row.receipts).toBeGreaterThanOrEqual(5);
      expect(row.receipts).toBeLessThanOrEqual(40);
    }
    const sizes = db.prepare<[], number>('SELECT COUNT(*) FROM purchases GROUP BY receipt_id').pluck().all();
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(6);
    const range = db
      .prepare<
        [],
        { first: string; last: string }
      >('SELECT MIN(purchased_at) AS first, MAX(purchased_at) AS last FROM purchases')
      .get();
    expect(Date.parse(range?.first ?? '')).toBeGreaterThanOrEqual(day0 - DEMO_HISTORY_DAYS * 86_400_000);
    expect(Date.parse(range?.last ?? '')).toBeLessThan(day0);
  });

  it('makes favourites repeat: each customer has a product on at least a quarter of their receipts', () => {
    const { db } = seeded();
    const rows = db
      .prepare<[], { customer_id: string; top: number; receipts: number }>(
        `WITH per AS (SELECT customer_id, product_id, COUNT(DISTINCT receipt_id) AS n FROM purchases GROUP BY customer_id, product_id),
              tot AS (SELECT customer_id, COUNT(DISTINCT receipt_id) AS receipts FROM purchases GROUP BY customer_id)
         SELECT per.customer_id, MAX(per.n) AS top, tot.receipts FROM per JOIN tot USING (customer_id) GROUP BY per.customer_id`,
      )
      .all();
    for (const row of rows) expect(row.top / row.receipts).toBeGreaterThanOrEqual(0.25);
  });

  it('opens 6 pickup orders numbered from 1041 for different customers, preparing, with 1 to 4 active items', () => {
    const { db } = seeded();
    const orders = listOpenOrders(db);
    expect(orders.map((o) => o.number)).toEqual([1041, 1042, 1043, 1044, 1045, 1046]);
    expect(new Set(orders.map((o) => o.customerId)).size).toBe(6);
    const active = new Set(listProducts(db).map((p) => p.id));
    for (const order of orders) {
      OrderSchema.parse(order);
      expect(order.status).toBe('preparing');
      expect(order.items.length).toBeGreaterThanOrEqual(1);
      expect(order.items.length).toBeLessThanOrEqual(4);
      for (const item of order.items) expect(active.has(item.productId)).toBe(true);
    }
  });

  it('does nothing on a database that already has data', () => {
    const store = seeded();
    const before = dump(store);
    expect(seedDemoStore(store.db, { clock: store.clock }).seeded).toBe(false);
    expect(dump(store)).toEqual(before);
  });
});
