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

const THIS_VERSION = 5;
const deps = () => ({ logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') });

let dir: string;
let db: WritableDb;

beforeEach(() => {
  dir = tempDir();
  db = asWritable(new Database(path.join(dir, 'kiosk.sqlite')));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION - 1 });
  db.exec(`INSERT INTO footfall_hourly (camera_id, hour, faces_seen) VALUES ('door', '2026-11-20T08', 4)`);
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (dimension: string, value: string, count = 1) =>
  db
    .prepare('INSERT INTO audience_hourly (camera_id, hour, dimension, value, count) VALUES (?, ?, ?, ?, ?)')
    .run('door', '2026-11-20T09', dimension, value, count);

describe('migration 005 (audience hourly)', () => {
  it('keeps the footfall counts that were there', () => {
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT faces_seen FROM footfall_hourly').pluck().get()).toBe(4);
  });

  it('accepts a count per camera, hour, dimension and known value', () => {
    insert('age_band', '25-34', 3);
    insert('gender', 'female');
    insert('expression', 'happy');
    expect(db.prepare('SELECT SUM(count) FROM audience_hourly').pluck().get()).toBe(5);
  });

  it('refuses a value that is not one of the fixed labels, so nothing personal can be stored', () => {
    expect(() => insert('age_band', '37')).toThrow(/CHECK constraint failed/);
    expect(() => insert('gender', 'Anna K.')).toThrow(/CHECK constraint failed/);
    expect(() => insert('customer', 'c1')).toThrow(/CHECK constraint failed/);
    expect(() => insert('expression', 'happy', -1)).toThrow(/CHECK constraint failed/);
  });

  it('refuses an hour that is not an hour key', () => {
    expect(() =>
      db
        .prepare("INSERT INTO audience_hourly (camera_id, hour, dimension, value) VALUES ('door', ?, 'gender', 'male')")
        .run('2026-11-20T09:15'),
    ).toThrow(/CHECK constraint failed/);
  });
});
