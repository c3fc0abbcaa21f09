import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../database.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

let db: WritableDb;
let close: () => void;

beforeEach(() => {
  ({ db, close } = openAtMigration(2, (before) =>
    before.exec(`
      INSERT INTO customers VALUES ('c1', 'Ada', 'Lovelace', 'ada@example.com', '2026-01-01T00:00:00.000Z');
      INSERT INTO visits (customer_id, camera_id, arrived_at, score, order_id)
        VALUES ('c1', 'usb', '2026-11-20T08:00:00.000Z', 0.8, NULL);
    `),
  ));
});
afterEach(() => close());

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
