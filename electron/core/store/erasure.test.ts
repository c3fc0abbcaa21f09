import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { listAudit } from './audit.js';
import { recordConsent } from './consents.js';
import { createCustomer, customerSummary } from './customers.js';
import { customerReferences, eraseCustomerBiometrics } from './erasure.js';
import { addProduct } from './products.js';
import { createOrder } from './orders.js';
import { addTemplates } from './templates.js';
import { openTestStore, sampleJpeg, type TestStore } from './testing.js';
import { setThumbnail } from './thumbnails.js';
import { recordVisit } from './visits.js';

let store: TestStore;

/** Gives a customer everything: consent, templates, thumbnail, visits, purchases and an order. */
function fullCustomer(id: string): void {
  const { db, clock } = store;
  createCustomer(db, clock, { id, firstName: id, lastName: 'Test', email: `${id}@example.com` });
  recordConsent(db, clock, {
    customerId: id,
    textVersion: CURRENT_CONSENT_VERSION,
    recordedBy: 'm',
    thumbnailAgreed: true,
  });
  addTemplates(db, clock, id, 'model-a', [
    new Float32Array([1, 0]),
    new Float32Array([0, 1]),
    new Float32Array([0.6, 0.8]),
  ]);
  setThumbnail(db, clock, id, sampleJpeg());
  const order = createOrder(db, clock, { customerId: id, items: [{ productId: 'p1', quantity: 1 }], actor: 'shop' });
  recordVisit(db, clock, { customerId: id, cameraId: 'door', score: 0.8, orderId: order.id });
  recordVisit(db, clock, { customerId: id, cameraId: 'door', score: 0.7, orderId: null });
  db.prepare(
    "INSERT INTO purchases (receipt_id, customer_id, product_id, quantity, price_cents, purchased_at) VALUES (?, ?, 'p1', 1, 100, 't')",
  ).run(`r-${id}`, id);
}

const countFor = (table: string, customerId: string): unknown =>
  store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE customer_id = ?`).pluck().get(customerId);

const BIOMETRIC_TABLES = ['face_templates', 'customer_thumbnails', 'visits', 'consents'];

beforeEach(() => {
  store = openTestStore();
  addProduct(store.db, { id: 'p1', name: 'Oat milk', category: 'dairy', priceCents: 100, imageSvg: '<svg/>' });
  fullCustomer('c1');
  fullCustomer('c2');
});
afterEach(() => store.close());

describe('eraseCustomerBiometrics', () => {
  it("removes exactly that customer's templates, thumbnail, visits and consents", () => {
    const outcome = eraseCustomerBiometrics(store.db, store.clock, 'c1', 'Morgan');
    expect(outcome).toEqual({ templates: 3, thumbnails: 1, visits: 2, consents: 1, other: {} });
    for (const table of BIOMETRIC_TABLES) expect(countFor(table, 'c1')).toBe(0);
    expect(customerSummary(store.db, 'c1')).toMatchObject({ enrolled: false, templates: 0, consent: null });
  });

  it('leaves every other customer untouched', () => {
    const before = BIOMETRIC_TABLES.map((table) =>
      store.db.prepare(`SELECT * FROM ${table} WHERE customer_id = 'c2'`).all(),
    );
    eraseCustomerBiometrics(store.db, store.clock, 'c1', 'Morgan');
    const after = BIOMETRIC_TABLES.map((table) =>
      store.db.prepare(`SELECT * FROM ${table} WHERE customer_id = 'c2'`).all(),
    );
    expect(after).toEqual(before);
    expect(customerSummary(store.db, 'c2')).toMatchObject({ enrolled: true, templates: 3 });
  });

  it('keeps the customer, their purchases and their orders', () => {
    eraseCustomerBiometrics(store.db, store.clock, 'c1', 'Morgan');
    expect(store.db.prepare("SELECT COUNT(*) FROM customers WHERE id = 'c1'").pluck().get()).toBe(1);
    expect(countFor('purchases', 'c1')).toBe(1);
    expect(countFor('orders', 'c1')).toBe(1);
  });

  it('writes one audit entry with counts and no biometric data', () => {
    eraseCustomerBiometrics(store.db, store.clock, 'c1', 'Morgan');
    const [entry, ...rest] = listAudit(store.db, { action: 'customer.biometrics_erased' });
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      actor: 'Morgan',
      details: { customerId: 'c1', templates: 3, thumbnails: 1, visits: 2, consents: 1 },
    });
  });

  it('changes nothing when the audit entry cannot be written', () => {
    // Make the audit insert fail inside the transaction: everything before it must roll back.
    store.db.exec(
      "CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit is down'); END;",
    );
    expect(() => eraseCustomerBiometrics(store.db, store.clock, 'c1', 'Morgan')).toThrow(/audit is down/);
    for (const table of BIOMETRIC_TABLES) expect(countFor(table, 'c1')).not.toBe(0);
  });

  it('also erases the customer from a table added later that references customers, and says so in the audit', () => {
    store.db.exec('CREATE TABLE later_notes (id INTEGER PRIMARY KEY, customer_id TEXT REFERENCES customers (id))');
    store.db.prepare("INSERT INTO later_notes (customer_id) VALUES ('c1'), ('c1'), ('c2')").run();
    const outcome = eraseCustomerBiometrics(store.db, store.clock, 'c1', 'Morgan');
    expect(outcome.other).toEqual({ later_notes: 2 });
    expect(countFor('later_notes', 'c1')).toBe(0);
    expect(countFor('later_notes', 'c2')).toBe(1);
    expect(listAudit(store.db, { action: 'customer.biometrics_erased' })[0]?.details).toMatchObject({
      other: { later_notes: 2 },
    });
  });

  it('finds every table that references customers except the shopping record', () => {
    const tables = customerReferences(store.db).map((r) => r.table);
    expect(tables).toEqual(expect.arrayContaining(['consents', 'customer_thumbnails', 'face_templates', 'visits']));
    expect(tables).not.toContain('purchases');
    expect(tables).not.toContain('orders');
  });

  it('says when the customer does not exist', () => {
    expect(() => eraseCustomerBiometrics(store.db, store.clock, 'ghost', 'Morgan')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});
