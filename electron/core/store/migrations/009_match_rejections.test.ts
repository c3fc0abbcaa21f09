import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import type { WritableDb } from '../database.js';
import { recordMatchRejection, rejectionCounts } from '../match-rejections.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

const THIS_VERSION = 9;
const clock = fixedClock('2026-11-20T09:00:00Z');

let close: () => void;
let db: WritableDb;

beforeEach(() => {
  ({ db, close } = openAtMigration(THIS_VERSION, (before) => {
    before.exec(`
      INSERT INTO customers (id, first_name, last_name, email, created_at)
        VALUES ('c1', 'Ada', 'Lovelace', 'ada@example.com', '2026-01-01T00:00:00.000Z');
      INSERT INTO visits (id, customer_id, camera_id, arrived_at, score, order_id)
        VALUES (1, 'c1', 'usb', '2026-11-20T08:00:00.000Z', 0.71, NULL),
               (2, 'c1', 'usb', '2026-11-20T08:30:00.000Z', 0.69, NULL);
    `);
  }));
});
afterEach(() => close());

const reject = (visitId: number) =>
  recordMatchRejection(db, clock, { visitId, customerId: 'c1', cameraId: 'usb', score: 0.71, clerk: 'Sam' });

describe('migration 009 (match rejections)', () => {
  it('stores a rejection per visit with ids and scores only, and counts them per customer', () => {
    expect(schemaVersion(db)).toBe(THIS_VERSION);
    expect(reject(1)).toBe(true);
    expect(reject(1)).toBe(false);
    expect(reject(2)).toBe(true);
    expect(rejectionCounts(db)).toEqual([{ customerId: 'c1', count: 2 }]);
    const columns = (db.prepare('PRAGMA table_info(match_rejections)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'visit_id', 'customer_id', 'camera_id', 'rejected_at', 'score', 'clerk']);
  });

  it('forgets the rejections when the visits are erased', () => {
    reject(1);
    db.prepare('DELETE FROM visits WHERE customer_id = ?').run('c1');
    expect(rejectionCounts(db)).toEqual([]);
  });

  it('refuses a rejection of a visit that does not exist and a score out of range', () => {
    expect(() =>
      recordMatchRejection(db, clock, { visitId: 99, customerId: 'c1', cameraId: 'usb', score: 0.7, clerk: 'Sam' }),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      recordMatchRejection(db, clock, { visitId: 1, customerId: 'c1', cameraId: 'usb', score: 7, clerk: 'Sam' }),
    ).toThrow(/CHECK/);
  });
});
