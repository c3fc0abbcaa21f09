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

const THIS_VERSION = 2;
const deps = () => ({ logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') });

let dir: string;
let db: WritableDb;

beforeEach(() => {
  dir = tempDir();
  db = asWritable(new Database(path.join(dir, 'kiosk.sqlite')));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION - 1 });
  db.exec(`
    INSERT INTO customers VALUES ('c1', 'Ada', 'Lovelace', 'ada@example.com', '2026-01-01T00:00:00.000Z');
    INSERT INTO visits (customer_id, camera_id, arrived_at, score, order_id) VALUES ('c1', 'usb', '2026-11-20T08:00:00.000Z', 0.8, NULL);
  `);
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 002 (visit alerts)', () => {
  it('adds an empty dismissal time to existing visits', () => {
    expect(schemaVersion(db)).toBe(2);
    const row = db.prepare('SELECT alert_dismissed_at FROM visits').get() as { alert_dismissed_at: string | null };
    expect(row.alert_dismissed_at).toBeNull();
  });

  it('stores a dismissal time as text and refuses another type', () => {
    db.prepare('UPDATE visits SET alert_dismissed_at = ?').run('2026-11-20T09:00:00.000Z');
    expect(() => db.prepare('UPDATE visits SET alert_dismissed_at = ?').run(Buffer.from([1, 2]))).toThrow(
      /cannot store BLOB/,
    );
  });

  it('indexes the open alerts', () => {
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'visits'`).all() as {
      name: string;
    }[];
    expect(indexes.map((i) => i.name)).toContain('visits_open_alerts');
  });
});
