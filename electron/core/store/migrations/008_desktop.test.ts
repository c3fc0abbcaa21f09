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

const THIS_VERSION = 8;
const deps = () => ({ logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') });

let dir: string;
let db: WritableDb;

beforeEach(() => {
  dir = tempDir();
  db = asWritable(new Database(path.join(dir, 'kiosk.sqlite')));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION - 1 });
  db.exec(`INSERT INTO settings (key, value) VALUES ('store.name', '"Corner Market"')`);
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

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
