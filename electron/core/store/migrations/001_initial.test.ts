import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import { memoryLogger } from '../../logger.js';
import { asWritable, type WritableDb } from '../database.js';
import { migrate, schemaVersion } from '../migrate.js';
import { tempDir } from '../testing.js';
import { MIGRATIONS } from './index.js';

const THIS_VERSION = 1;
const deps = () => ({ logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') });

let dir: string;
let db: WritableDb;

beforeEach(() => {
  dir = tempDir();
  db = asWritable(new Database(path.join(dir, 'kiosk.sqlite')));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION - 1 });
  expect(schemaVersion(db)).toBe(THIS_VERSION - 1);
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const columns = (table: string): string[] =>
  db
    .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid')
    .all(table)
    .map((c) => c.name);

function seedBasics(): void {
  db.exec(`
    INSERT INTO customers VALUES ('c1', 'Ada', 'Lovelace', 'ada@example.com', '2026-01-01T00:00:00.000Z');
    INSERT INTO customers VALUES ('c2', 'Alan', 'Turing', 'alan@example.com', '2026-01-01T00:00:00.000Z');
    INSERT INTO products (id, name, category, price_cents, image_svg) VALUES ('p1', 'Oat milk', 'dairy', 229, '<svg/>');
  `);
}

describe('migration 001 (initial)', () => {
  it('creates every table with the documented columns', () => {
    expect(schemaVersion(db)).toBe(1);
    expect(columns('settings')).toEqual(['key', 'value']);
    expect(columns('users')).toEqual([
      'id',
      'username',
      'role',
      'password_hash',
      'created_at',
      'failed_attempts',
      'locked_until',
    ]);
    expect(columns('products')).toEqual(['id', 'name', 'category', 'price_cents', 'image_svg', 'active', 'promoted']);
    expect(columns('customers')).toEqual(['id', 'first_name', 'last_name', 'email', 'created_at']);
    expect(columns('purchases')).toEqual([
      'id',
      'receipt_id',
      'customer_id',
      'product_id',
      'quantity',
      'price_cents',
      'purchased_at',
    ]);
    expect(columns('orders')).toEqual(['id', 'number', 'customer_id', 'status', 'created_at', 'updated_at']);
    expect(columns('order_items')).toEqual(['order_id', 'product_id', 'quantity']);
    expect(columns('order_events')).toEqual(['id', 'order_id', 'from_status', 'to_status', 'actor', 'at']);
    expect(columns('consents')).toEqual([
      'id',
      'customer_id',
      'text_version',
      'agreed_at',
      'recorded_by',
      'thumbnail_agreed',
      'withdrawn_at',
    ]);
    expect(columns('face_templates')).toEqual(['id', 'customer_id', 'model_id', 'embedding', 'created_at']);
    expect(columns('customer_thumbnails')).toEqual(['customer_id', 'jpeg', 'created_at']);
    expect(columns('visits')).toEqual(['id', 'customer_id', 'camera_id', 'arrived_at', 'score', 'order_id']);
    expect(columns('footfall_hourly')).toEqual(['camera_id', 'hour', 'faces_seen']);
    expect(columns('audit_log')).toEqual(['id', 'at', 'actor', 'action', 'details']);
  });

  it('indexes purchases by customer, receipt and product', () => {
    const indexes = db.prepare<[], string>("SELECT name FROM pragma_index_list('purchases')").pluck().all();
    expect(indexes).toEqual(
      expect.arrayContaining(['purchases_by_customer', 'purchases_by_receipt', 'purchases_by_product']),
    );
  });

  it('rejects negative prices, unknown roles, bad statuses and values of the wrong type', () => {
    seedBasics();
    expect(() =>
      db.exec("INSERT INTO products (id, name, category, price_cents, image_svg) VALUES ('p2', 'x', 'y', -1, '')"),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec("INSERT INTO users (username, role, password_hash, created_at) VALUES ('a', 'owner', 'h', 't')"),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        "INSERT INTO orders (number, customer_id, status, created_at, updated_at) VALUES (1, 'c1', 'lost', 't', 't')",
      ),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec("INSERT INTO products (id, name, category, price_cents, image_svg) VALUES ('p3', 'x', 'y', 'cheap', '')"),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.exec("INSERT INTO settings VALUES ('k', 'not json')")).toThrow(/CHECK/);
  });

  it('treats user names case-insensitively as unique', () => {
    db.exec("INSERT INTO users (username, role, password_hash, created_at) VALUES ('Manager', 'manager', 'h', 't')");
    expect(() =>
      db.exec("INSERT INTO users (username, role, password_hash, created_at) VALUES ('manager', 'clerk', 'h', 't')"),
    ).toThrow(/UNIQUE/);
  });

  it('enforces foreign keys from purchases and orders', () => {
    seedBasics();
    expect(() =>
      db.exec(
        "INSERT INTO purchases (receipt_id, customer_id, product_id, quantity, price_cents, purchased_at) VALUES ('r', 'nobody', 'p1', 1, 1, 't')",
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec("INSERT INTO orders (number, customer_id, created_at, updated_at) VALUES (1, 'nobody', 't', 't')"),
    ).toThrow(/FOREIGN KEY/);
  });

  it('lets order status move only forward, even for SQL that bypasses the service', () => {
    seedBasics();
    db.exec("INSERT INTO orders (id, number, customer_id, created_at, updated_at) VALUES (1, 1041, 'c1', 't', 't')");
    expect(() => db.exec("UPDATE orders SET status = 'collected' WHERE id = 1")).toThrow(/only move forward/);
    db.exec("UPDATE orders SET status = 'ready' WHERE id = 1");
    expect(() => db.exec("UPDATE orders SET status = 'preparing' WHERE id = 1")).toThrow(/only move forward/);
    db.exec("UPDATE orders SET status = 'collected' WHERE id = 1");
    expect(() => db.exec("UPDATE orders SET status = 'cancelled' WHERE id = 1")).toThrow(/only move forward/);
  });

  it('deletes order items and events with their order', () => {
    seedBasics();
    db.exec(`
      INSERT INTO orders (id, number, customer_id, created_at, updated_at) VALUES (1, 1041, 'c1', 't', 't');
      INSERT INTO order_items VALUES (1, 'p1', 2);
      INSERT INTO order_events (order_id, from_status, to_status, actor, at) VALUES (1, NULL, 'preparing', 'x', 't');
      DELETE FROM orders WHERE id = 1;
    `);
    expect(db.prepare('SELECT COUNT(*) FROM order_items').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM order_events').pluck().get()).toBe(0);
  });

  it('allows only one current consent per customer', () => {
    seedBasics();
    db.exec(
      "INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES ('c1', 'v', 't', 'm', 0)",
    );
    expect(() =>
      db.exec(
        "INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES ('c1', 'v', 't', 'm', 1)",
      ),
    ).toThrow(/UNIQUE/);
    db.exec("UPDATE consents SET withdrawn_at = 't2' WHERE customer_id = 'c1'");
    db.exec(
      "INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES ('c1', 'v', 't', 'm', 1)",
    );
    expect(db.prepare("SELECT COUNT(*) FROM consents WHERE customer_id = 'c1'").pluck().get()).toBe(2);
  });

  it('refuses face templates and thumbnails for a customer without the matching consent', () => {
    seedBasics();
    const template = db.prepare(
      "INSERT INTO face_templates (customer_id, model_id, embedding, created_at) VALUES (?, 'm', ?, 't')",
    );
    const thumbnail = db.prepare("INSERT INTO customer_thumbnails VALUES (?, X'FFD8FF', 't')");
    expect(() => template.run('c1', Buffer.alloc(8))).toThrow(/no current consent/);
    db.exec(
      "INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES ('c1', 'v', 't', 'm', 0)",
    );
    template.run('c1', Buffer.alloc(8));
    expect(() => thumbnail.run('c1')).toThrow(/thumbnail/);
    expect(() => template.run('c1', Buffer.alloc(6))).toThrow(/CHECK/);
    db.exec(
      "INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES ('c2', 'v', 't', 'm', 1)",
    );
    thumbnail.run('c2');
    expect(db.prepare('SELECT COUNT(*) FROM customer_thumbnails').pluck().get()).toBe(1);
  });

  it('removes a deleted customer’s templates, thumbnail, visits and consents by cascade', () => {
    seedBasics();
    db.exec(`
      INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES ('c1', 'v', 't', 'm', 1);
      INSERT INTO face_templates (customer_id, model_id, embedding, created_at) VALUES ('c1', 'm', X'00000000', 't');
      INSERT INTO customer_thumbnails VALUES ('c1', X'FFD8FF', 't');
      INSERT INTO visits (customer_id, camera_id, arrived_at, score) VALUES ('c1', 'door', 't', 0.9);
      DELETE FROM customers WHERE id = 'c1';
    `);
    for (const table of ['consents', 'face_templates', 'customer_thumbnails', 'visits']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });

  it('keeps footfall as counts per camera and well-formed UTC hour', () => {
    db.exec("INSERT INTO footfall_hourly VALUES ('door', '2026-11-20T09', 3)");
    expect(() => db.exec("INSERT INTO footfall_hourly VALUES ('door', '2026-11-20T09', 1)")).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.exec("INSERT INTO footfall_hourly VALUES ('door', '2026-11-20 09:00', 1)")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO footfall_hourly VALUES ('door', '2026-11-20T10', -1)")).toThrow(/CHECK/);
  });

  it('leaves no foreign key problems behind', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
