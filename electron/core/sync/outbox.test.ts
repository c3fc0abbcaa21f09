import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoStore } from '../demo/seed-demo-store.js';
import { eraseCustomerBiometrics } from '../store/erasure.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { recordVisit } from '../store/visits.js';
import { queueVisit } from './hooks.js';
import { dropMessagesAbout, enqueue, markSent, outboxStats, pruneSent, waitingRows } from './outbox.js';
import { memorySecretStore } from '../secrets/secret-store.js';
import { saveSettings } from './sync-settings.js';

let store: TestStore;
let customer: string;

async function turnSyncOn(): Promise<void> {
  await saveSettings(store.db, memorySecretStore(), {
    storeId: 'store-1',
    brokerUrl: 'mqtt://127.0.0.1:1',
    username: '',
    caPem: '',
    clientCertPem: '',
    rejectUnauthorized: true,
  });
}

function visit(): void {
  store.db.transaction(() => {
    const v = recordVisit(store.db, store.clock, {
      customerId: customer,
      cameraId: 'entrance',
      score: 0.7,
      orderId: null,
    });
    queueVisit(store.db, v);
  })();
}

beforeEach(() => {
  store = openTestStore();
  seedDemoStore(store.db, { clock: store.clock });
  customer = store.db.prepare('SELECT id FROM customers ORDER BY id LIMIT 1').pluck().get() as string;
});
afterEach(() => store.close());

describe('the outbox', () => {
  it('queues nothing while sync is off, so a store that never syncs grows no queue', () => {
    visit();
    expect(outboxStats(store.db)).toEqual({ waiting: 0, oldestWaitingAt: null });
  });

  it('queues a visit with a unique id once a broker is configured', async () => {
    await turnSyncOn();
    visit();
    visit();
    const rows = waitingRows(store.db, 10);
    expect(rows.map((r) => r.kind)).toEqual(['visit', 'visit']);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(JSON.parse(rows[0]?.body ?? '{}')).toMatchObject({ customerId: customer, cameraId: 'entrance' });
  });

  it('writes nothing when the local change rolls back', async () => {
    await turnSyncOn();
    expect(() =>
      store.db.transaction(() => {
        const v = recordVisit(store.db, store.clock, {
          customerId: customer,
          cameraId: 'e',
          score: 0.7,
          orderId: null,
        });
        queueVisit(store.db, v);
        throw new Error('the camera changed its mind');
      })(),
    ).toThrow(/changed its mind/);
    expect(outboxStats(store.db).waiting).toBe(0);
    expect(store.db.prepare('SELECT COUNT(*) FROM visits').pluck().get()).toBe(0);
  });

  it('refuses a body that breaks its schema, failing the local change with it', async () => {
    await turnSyncOn();
    expect(() =>
      enqueue(store.db, { kind: 'footfall', at: '2026-11-20T09:00:00.000Z', body: { hour: 'yesterday', cameras: [] } }),
    ).toThrow();
  });

  it('counts only unacknowledged rows as waiting and prunes old acknowledged ones', async () => {
    await turnSyncOn();
    visit();
    visit();
    const [first] = waitingRows(store.db, 1);
    markSent(store.db, [first?.seq ?? 0], store.clock.now());
    expect(outboxStats(store.db).waiting).toBe(1);
    expect(waitingRows(store.db, 10)).toHaveLength(1);
    store.clock.advance(8 * 24 * 3600 * 1000);
    expect(pruneSent(store.db, store.clock.now() - 7 * 24 * 3600 * 1000)).toBe(1);
  });

  it('drops every message about an erased customer and queues the erasure instead', async () => {
    await turnSyncOn();
    visit();
    visit();
    eraseCustomerBiometrics(store.db, store.clock, customer, 'Morgan');
    const rows = waitingRows(store.db, 10);
    expect(rows.map((r) => r.kind)).toEqual(['erasure']);
    expect(JSON.parse(rows[0]?.body ?? '{}')).toMatchObject({ customerId: customer, actor: 'Morgan' });
    expect(dropMessagesAbout(store.db, customer)).toBe(0);
    expect(store.db.prepare('SELECT customer_id FROM sync_erasures').pluck().all()).toEqual([customer]);
  });
});
