import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../database.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

const THIS_VERSION = 4;
let close: () => void;
let db: WritableDb;

beforeEach(() => {
  ({ db, close } = openAtMigration(THIS_VERSION, (before) => {
    // Rows from before the migration: a visit and an order that is ready, with its events.
    before.exec(`
      INSERT INTO customers VALUES ('c1', 'Ada', 'Lovelace', 'ada@example.com', '2026-01-01T00:00:00.000Z');
      INSERT INTO products (id, name, category, price_cents, image_svg) VALUES ('p1', 'Oat milk', 'dairy', 229, '<svg/>');
      INSERT INTO orders (id, number, customer_id, status, created_at, updated_at) VALUES (1, 1041, 'c1', 'preparing', 't', 't');
      INSERT INTO order_events (order_id, from_status, to_status, actor, at) VALUES (1, NULL, 'preparing', 'demo', 't');
      UPDATE orders SET status = 'ready' WHERE id = 1;
      INSERT INTO order_events (order_id, from_status, to_status, actor, at) VALUES (1, 'preparing', 'ready', 'Sam', 't2');
      INSERT INTO visits (customer_id, camera_id, arrived_at, score, order_id) VALUES ('c1', 'usb', '2026-11-20T08:00:00.000Z', 0.8, 1);
    `);
  }));
});
afterEach(() => close());

const insertCampaign = (fields: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO campaigns (id, headline, body, product_id, starts_on, ends_on, days, start_time, end_time, updated_at)
       VALUES (@id, @headline, @body, @product_id, @starts_on, @ends_on, @days, @start_time, @end_time, 't')`,
    )
    .run({
      id: 'breakfast',
      headline: 'Breakfast',
      body: '',
      product_id: null,
      starts_on: null,
      ends_on: null,
      days: null,
      start_time: '06:00',
      end_time: '11:00',
      ...fields,
    });

describe('migration 004 (pickup board)', () => {
  it('marks visits from before the migration as recognised without confirmation', () => {
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT match_status, reviewed_by, dismissed_by FROM visits').get()).toEqual({
      match_status: 'auto',
      reviewed_by: null,
      dismissed_by: null,
    });
    expect(() => db.exec("UPDATE visits SET match_status = 'maybe'")).toThrow(/CHECK/);
  });

  it('keeps blocking a backward move that has no recall recorded', () => {
    expect(db.prepare('SELECT kind FROM order_events ORDER BY id').pluck().all()).toEqual(['move', 'move']);
    expect(() => db.exec("UPDATE orders SET status = 'preparing' WHERE id = 1")).toThrow(/only move forward/);
  });

  it('allows exactly the recorded one-step recall, and nothing further back', () => {
    db.exec(`INSERT INTO order_events (order_id, from_status, to_status, actor, at, kind)
             VALUES (1, 'ready', 'preparing', 'Ann', 't3', 'recall')`);
    db.exec("UPDATE orders SET status = 'preparing' WHERE id = 1");
    expect(db.prepare('SELECT status FROM orders WHERE id = 1').pluck().get()).toBe('preparing');

    // A recall of collected -> ready does not allow ready -> preparing, nor a jump of two steps.
    db.exec("UPDATE orders SET status = 'ready' WHERE id = 1");
    db.exec("UPDATE orders SET status = 'collected' WHERE id = 1");
    db.exec(`INSERT INTO order_events (order_id, from_status, to_status, actor, at, kind)
             VALUES (1, 'collected', 'ready', 'Ann', 't4', 'recall')`);
    expect(() => db.exec("UPDATE orders SET status = 'preparing' WHERE id = 1")).toThrow(/only move forward/);
    db.exec("UPDATE orders SET status = 'ready' WHERE id = 1");
    expect(() => db.exec("UPDATE orders SET status = 'preparing' WHERE id = 1")).toThrow(/only move forward/);
    expect(() =>
      db.exec("INSERT INTO order_events (order_id, to_status, actor, at, kind) VALUES (1, 'ready', 'x', 't', 'undo')"),
    ).toThrow(/CHECK/);
  });

  it('never lets a cancelled order come back', () => {
    db.exec("UPDATE orders SET status = 'cancelled' WHERE id = 1");
    db.exec(`INSERT INTO order_events (order_id, from_status, to_status, actor, at, kind)
             VALUES (1, 'cancelled', 'ready', 'Ann', 't3', 'recall')`);
    expect(() => db.exec("UPDATE orders SET status = 'ready' WHERE id = 1")).toThrow(/only move forward/);
  });

  it('stores campaigns with a schedule and refuses malformed ones', () => {
    insertCampaign({ days: '[1,2,3,4,5]', product_id: 'p1' });
    expect(db.prepare('SELECT active, source, priority FROM campaigns').get()).toEqual({
      active: 1,
      source: 'local',
      priority: 0,
    });
    expect(() => insertCampaign({ id: 'b', start_time: '6:00' })).toThrow(/CHECK/);
    expect(() => insertCampaign({ id: 'c', start_time: '25:00' })).toThrow(/CHECK/);
    expect(() => insertCampaign({ id: 'd', end_time: null })).toThrow(/CHECK/);
    expect(() => insertCampaign({ id: 'e', days: '{"monday":true}' })).toThrow(/CHECK/);
    expect(() => insertCampaign({ id: 'f', starts_on: '2026-12-01', ends_on: '2026-11-01' })).toThrow(/CHECK/);
    expect(() => insertCampaign({ id: 'g', headline: '' })).toThrow(/CHECK/);
    expect(() => insertCampaign({ id: 'h', product_id: 'nope' })).toThrow(/FOREIGN KEY/);
  });

  it('clears a campaign’s product when the product is deleted', () => {
    insertCampaign({ product_id: 'p1' });
    db.exec("DELETE FROM order_items; DELETE FROM products WHERE id = 'p1'");
    expect(db.prepare('SELECT product_id FROM campaigns').pluck().get()).toBeNull();
  });

  it('leaves no foreign key problems behind', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
