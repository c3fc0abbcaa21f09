import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../database.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

const THIS_VERSION = 8;
let close: () => void;
let db: WritableDb;

beforeEach(() => {
  ({ db, close } = openAtMigration(THIS_VERSION, (before) => {
    before.exec(`INSERT INTO settings (key, value) VALUES ('store.name', '"Corner Market"')`);
  }));
});
afterEach(() => close());

describe('migration 008 (desktop)', () => {
  it('adds empty cloud usage and tablet pairing tables and keeps the existing settings', () => {
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT COUNT(*) FROM cloud_usage').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM lan_pairings').pluck().get()).toBe(0);
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'store.name'`).pluck().get()).toBe('"Corner Market"');
  });

  it('keeps one usage row per month and operation, and refuses a malformed month or more failures than calls', () => {
    const insert = db.prepare('INSERT INTO cloud_usage (month, operation, calls, failures) VALUES (?, ?, ?, ?)');
    insert.run('2026-11', 'SearchFacesByImage', 3, 1);
    expect(() => insert.run('2026-11', 'SearchFacesByImage', 1, 0)).toThrow(/UNIQUE/);
    expect(() => insert.run('Nov 2026', 'IndexFaces', 1, 0)).toThrow(/CHECK/);
    expect(() => insert.run('2026-12', 'IndexFaces', 1, 2)).toThrow(/CHECK/);
  });

  it('stores a tablet token only as a 64-character hash, each hash once', () => {
    const insert = db.prepare('INSERT INTO lan_pairings (id, label, token_hash, created_at) VALUES (?, ?, ?, ?)');
    insert.run('p1', 'Pickup counter', 'a'.repeat(64), '2026-11-20T09:00:00.000Z');
    expect(() => insert.run('p2', 'Back office', 'a'.repeat(64), '2026-11-20T09:00:00.000Z')).toThrow(/UNIQUE/);
    expect(() => insert.run('p3', 'Raw token', 'not-a-hash', '2026-11-20T09:00:00.000Z')).toThrow(/CHECK/);
  });
});
