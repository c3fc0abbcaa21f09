/**
 * The recognition commands through the real core (real SQLite file, real face engine): a clerk's "not this
 * person" stores the rejection (ids and scores only) and the admin window reads the vision counters.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../contract/dispatch.js';
import type { VisionStats } from '../../contract/dto.js';
import type { Core } from '../core-api.js';
import { DATABASE_FILE } from '../create-core.js';
import { memoryLogger } from '../logger.js';
import { startTestCore, TEST_ADMIN as admin, value, type TestCore } from '../testing/test-core.js';
import { createHumanEngine } from '../vision/human-engine.js';

const staff: Caller = { role: 'staff', connectionId: 'staff-1' };

let testCore: TestCore;
let dataDir: string;
let core: Core;

function withDb<T>(use: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  testCore = await startTestCore('recognition', { engine: () => createHumanEngine({ logger: memoryLogger() }) });
  ({ core, dataDir } = testCore);
}, 180_000);

afterAll(async () => {
  await testCore?.close();
});

describe('recognition commands', () => {
  it('stores a clerk rejection with ids and scores only, once per visit', async () => {
    const visitId = withDb((db) => {
      const customer = db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1').pluck().get() as string;
      const result = db
        .prepare(
          `INSERT INTO visits (customer_id, camera_id, arrived_at, score, order_id) VALUES (?, 'usb', ?, 0.71, NULL)`,
        )
        .run(customer, new Date().toISOString());
      return Number(result.lastInsertRowid);
    });
    expect(value(await core.call(staff, 'recognition.reject', { visitId, clerk: 'Sam' }))).toEqual({
      match: 'rejected',
    });
    const stored = withDb((db) => db.prepare('SELECT * FROM match_rejections').all());
    expect(stored).toEqual([
      {
        id: 1,
        visit_id: visitId,
        customer_id: expect.any(String),
        camera_id: 'usb',
        rejected_at: expect.any(String),
        score: 0.71,
        clerk: 'Sam',
      },
    ]);
    // Asked again: the same answer is harmless and stores nothing more.
    value(await core.call(staff, 'recognition.reject', { visitId }));
    expect(withDb((db) => db.prepare('SELECT COUNT(*) FROM match_rejections').pluck().get())).toBe(1);
  });

  it('says there is no such visit, and refuses the customer display', async () => {
    const missing = await core.call(staff, 'recognition.reject', { visitId: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const customer = await core.call({ role: 'customer', connectionId: 'c-1' }, 'recognition.reject', { visitId: 1 });
    expect(customer.ok).toBe(false);
  });

  it('gives the signed-in manager the vision counters with every quality gate', async () => {
    const stats = value<VisionStats>(await core.call(admin, 'vision.stats', {}));
    expect(stats).toMatchObject({ backend: 'human', workers: 0, frames: 0, decisions: 0 });
    expect(Object.keys(stats.gates).sort()).toEqual(
      ['head_tilted', 'head_turned', 'low_confidence', 'not_live', 'spoof', 'too_blurry', 'too_small'].sort(),
    );
    const signedOut = await core.call({ role: 'admin', connectionId: 'other' }, 'vision.stats', {});
    expect(signedOut.ok).toBe(false);
  });
});
