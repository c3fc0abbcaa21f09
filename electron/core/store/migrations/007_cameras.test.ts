import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../database.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

const THIS_VERSION = 7;
const NOW = '2026-11-20T09:00:00.000Z';

let close: () => void;
let db: WritableDb;

beforeEach(() => {
  ({ db, close } = openAtMigration(THIS_VERSION));
});
afterEach(() => close());

const insert = (fields: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO cameras (id, name, role, kind, source, sampling_fps, hours, enabled, masks, usb_mode, created_at, updated_at)
       VALUES (@id, @name, @role, @kind, @source, @sampling_fps, @hours, @enabled, @masks, @usb_mode, @created_at, @updated_at)`,
    )
    .run({
      id: 'cam-1',
      name: 'Entrance',
      role: 'entrance',
      kind: 'mjpeg-url',
      source: 'http://cam/stream',
      sampling_fps: 5,
      hours: null,
      enabled: 1,
      masks: '[]',
      usb_mode: null,
      created_at: NOW,
      updated_at: NOW,
      ...fields,
    });

describe('migration 007 (cameras)', () => {
  it('creates an empty cameras table', () => {
    expect(schemaVersion(db)).toBe(THIS_VERSION);
    expect(db.prepare('SELECT COUNT(*) FROM cameras').pluck().get()).toBe(0);
  });

  it('stores a camera with hours and masks as JSON', () => {
    insert({ hours: '{"open":"07:00","close":"21:00"}', masks: '[[{"x":0,"y":0},{"x":1,"y":0},{"x":1,"y":1}]]' });
    const row = db.prepare('SELECT hours, masks, enabled FROM cameras').get() as Record<string, unknown>;
    expect(JSON.parse(String(row.masks))).toHaveLength(1);
    expect(row.enabled).toBe(1);
  });

  it('refuses an unknown role, kind, a zero rate and masks that are not a JSON array', () => {
    expect(() => insert({ role: 'ceiling' })).toThrow(/CHECK/);
    expect(() => insert({ kind: 'vhs' })).toThrow(/CHECK/);
    expect(() => insert({ sampling_fps: 0 })).toThrow(/CHECK/);
    expect(() => insert({ masks: '{"x":1}' })).toThrow(/CHECK/);
    expect(() => insert({ masks: 'not json' })).toThrow(/CHECK|malformed/);
  });
});
