/**
 * Through the real core (real SQLite file, the real ONNX engine recognising with dlib): a customer enrolled with
 * FaceRes templates only, as an older release stored them, is counted in the admin status with a sentence saying
 * what to do and marked in the customer list; once they have a template of the running model they are not.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerSummary, VisionStats } from '../../contract/dto.js';
import type { Core } from '../core-api.js';
import { DATABASE_FILE } from '../create-core.js';
import { systemClock } from '../clock.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { memoryLogger } from '../logger.js';
import { recordConsent } from '../store/consents.js';
import { openDatabase, type WritableDb } from '../store/database.js';
import { addTemplates } from '../store/templates.js';
import { startTestCore, TEST_ADMIN as admin, value, type TestCore } from '../testing/test-core.js';
import { createOnnxEngine } from '../vision/onnx/onnx-engine.js';

const FACERES = 'human-faceres-3.3.6';

let testCore: TestCore;
let dataDir: string;
let core: Core;

/** A second connection to the core's database file, as another process would open it. */
function withDb<T>(use: (db: WritableDb) => T): T {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE), { logger: memoryLogger(), clock: systemClock });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

const unit = (size: number) => {
  const v = new Float32Array(size);
  v[0] = 1;
  return v;
};

beforeAll(async () => {
  testCore = await startTestCore('reenrol', { engine: () => createOnnxEngine({ logger: memoryLogger(), threads: 1 }) });
  ({ core, dataDir } = testCore);
}, 120_000);

afterAll(async () => {
  await testCore?.close();
});

describe('customers enrolled with another face model', () => {
  it('are counted for the manager with what to do, marked in the list, and no longer once enrolled again', async () => {
    const before = value<VisionStats>(await core.call(admin, 'vision.stats', {}));
    expect(before.modelId).toMatch(/^dlib-resnet128-/);
    expect(before.reenrolment).toEqual({ modelId: before.modelId, count: 0, message: null });

    const list = value<CustomerSummary[]>(await core.call(admin, 'customers.list', {}));
    const customerId = list[0]?.id;
    if (customerId === undefined) throw new Error('the demo store has no customers');
    withDb((db) => {
      const clock = systemClock;
      recordConsent(db, clock, {
        customerId,
        textVersion: CURRENT_CONSENT_VERSION,
        recordedBy: 'm',
        thumbnailAgreed: false,
      });
      addTemplates(db, clock, customerId, FACERES, [unit(1024), unit(1024)]);
    });

    const after = value<VisionStats>(await core.call(admin, 'vision.stats', {}));
    expect(after.reenrolment.count).toBe(1);
    expect(after.reenrolment.message).toMatch(/^1 customer was enrolled with another face model .* enrolled again/);
    const marked = value<CustomerSummary[]>(await core.call(admin, 'customers.list', {}));
    expect(marked.filter((c) => c.needsReenrolment === true).map((c) => c.id)).toEqual([customerId]);

    withDb((db) => addTemplates(db, systemClock, customerId, before.modelId, [unit(128)]));
    expect(value<VisionStats>(await core.call(admin, 'vision.stats', {})).reenrolment.count).toBe(0);
    const again = value<CustomerSummary[]>(await core.call(admin, 'customers.list', {}));
    expect(again.find((c) => c.id === customerId)).toMatchObject({ enrolled: true, needsReenrolment: false });
  });
});
