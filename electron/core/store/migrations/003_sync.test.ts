import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../database.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

const THIS_VERSION = 3;
let close: () => void;
let db: WritableDb;

beforeEach(() => {
  ({ db, close } = openAtMigration(THIS_VERSION, (before) => {
    before.exec(`
      INSERT INTO customers VALUES ('c1', 'Ada', 'Lovelace', 'ada@example.com', '2026-01-01T00:00:00.000Z');
      INSERT INTO orders (id, number, customer_id, status, created_at, updated_at)
        VALUES (1, 1041, 'c1', 'preparing', '2026-11-20T08:00:00.000Z', '2026-11-20T08:00:00.000Z');
    `);
  }));
});
afterEach(() => close());

describe('migration 003 (sync)', () => {
  it('creates the outbox, inbox, quarantine and state tables empty, keeping existing orders', () => {
    expect(schemaVersion(db)).toBe(3);
    for (const table of [
      'sync_outbox',
      'sync_inbox',
      'sync_quarantine',
      'sync_state',
      'sync_orders',
      'sync_erasures',
    ]) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    expect(db.prepare('SELECT COUNT(*) FROM orders').pluck().get()).toBe(1);
  });

  it('refuses an outbox body that is not JSON and a message id used twice', () => {
    const insert = db.prepare("INSERT INTO sync_outbox (id, kind, body, created_at) VALUES (?, 'visit', ?, 'x')");
    expect(() => insert.run('m1', '{not json')).toThrow(/CHECK constraint/);
    insert.run('m1', '{}');
    expect(() => insert.run('m1', '{}')).toThrow(/UNIQUE/);
  });

  it('drops the link to a chain order when the order is deleted', () => {
    db.prepare("INSERT INTO sync_orders (chain_order_id, order_id) VALUES ('web-1', 1)").run();
    db.prepare('DELETE FROM orders WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM sync_orders').pluck().get()).toBe(0);
  });

  it('accepts only the three inbox outcomes', () => {
    const insert = db.prepare("INSERT INTO sync_inbox (id, kind, outcome, received_at) VALUES (?, 'order', ?, 'x')");
    insert.run('a', 'applied');
    expect(() => insert.run('b', 'maybe')).toThrow(/CHECK constraint/);
  });
});
