import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../database.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

const THIS_VERSION = 5;
let close: () => void;
let db: WritableDb;

beforeEach(() => {
  ({ db, close } = openAtMigration(THIS_VERSION, (before) => {
    before.exec(`INSERT INTO footfall_hourly (camera_id, hour, faces_seen) VALUES ('door', '2026-11-20T08', 4)`);
  }));
});
afterEach(() => close());

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
