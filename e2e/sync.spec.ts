/**
 * Sync with the chain against a real Mosquitto: the store's sync service (real SQLite file, the demo store) on one
 * side, the `npm run hq` client code on the other. The broker goes down in the middle of a busy run; the chain
 * sends duplicates, things out of order, garbage, 10 MB and mail for another store; a whole offline day drains.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { MqttClient } from 'mqtt';
import { expect, test } from '@playwright/test';
import { fixedClock } from '../electron/core/clock.js';
import { outboxStats } from '../electron/core/sync/outbox.js';
import { openSyncTestStore, recordVisits, waitFor, type SyncTestStore } from '../electron/core/sync/testing.js';
import { chainDownTopic, storeDownTopic } from '../electron/core/sync/topics.js';
import { connectHq, publishMessages, watchStore, type WatchStats } from '../scripts/hq/hq-client.js';
import type { OutgoingMessage } from '../scripts/hq/messages-file.js';
import { MOSQUITTO, startMosquitto, type Mosquitto } from './support/mosquitto.js';

test.skip(MOSQUITTO === null, 'Mosquitto is not installed (apt-get install mosquitto).');

let broker: Mosquitto;
const open: (SyncTestStore | MqttClient)[] = [];

test.beforeEach(async () => {
  broker = await startMosquitto();
});

test.afterEach(async () => {
  for (const item of open.splice(0)) {
    if ('service' in item) await item.close();
    else await item.endAsync(true);
  }
  await broker.dispose();
});

function orderMessage(
  n: number,
  overrides: Partial<{ id: string; status: string; number: number }> = {},
): OutgoingMessage {
  return {
    id: overrides.id ?? randomUUID(),
    kind: 'order',
    scope: 'store',
    body: {
      orderId: `chain-${n}`,
      number: overrides.number ?? 5000 + n,
      customer: { id: `chain-cust-${n % 50}`, firstName: 'Chain', lastName: `Customer ${n % 50}`, email: '' },
      items: [
        { productId: 'chain-prod-1', name: 'Sourdough loaf', quantity: 1 },
        { productId: `chain-prod-${2 + (n % 5)}`, name: 'Oat milk 1 l', quantity: 2 },
      ],
      status: overrides.status ?? 'preparing',
      placedAt: new Date().toISOString(),
    },
  };
}

function count(store: SyncTestStore, sql: string, ...params: unknown[]): number {
  return store.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

async function hqWatcher(storeId: string): Promise<WatchStats> {
  const client = await connectHq({ broker: broker.url, clientId: `hq-watch-${storeId}` });
  open.push(client);
  return watchStore(client, storeId);
}

test('the broker goes down during 1,000 events and 200 orders: every event arrives once by id, every order arrives', async () => {
  const store = await openSyncTestStore({ brokerUrl: broker.url, storeId: 'store-a' });
  open.push(store);
  const seen = await hqWatcher('store-a');
  await store.service.start();
  await waitFor(() => store.service.status().state === 'connected', 10_000, 'the store to connect');
  const chain = await connectHq({ broker: broker.url });
  open.push(chain);

  const orders = Array.from({ length: 200 }, (_, i) => orderMessage(i + 1));
  const pending: Promise<void>[] = [];
  const started = Date.now();
  for (let round = 0; round < 10; round += 1) {
    if (round === 3) await broker.stop(); // down for rounds 3-6: events pile up in the outbox, orders at hq
    if (round === 7) await broker.start();
    recordVisits(store, 100);
    pending.push(publishMessages(chain, 'store-a', orders.slice(round * 20, round * 20 + 20)));
    await new Promise((r) => setTimeout(r, 500));
  }
  await Promise.all(pending);
  await waitFor(() => seen.unique === 1000, 60_000, 'hq to receive 1,000 events');
  await waitFor(() => count(store, 'SELECT COUNT(*) FROM sync_orders') === 200, 60_000, 'the store to get 200 orders');
  // hq may hold an event whose PUBACK the outage swallowed: the store sends it again and hq drops it by id.
  await waitFor(() => outboxStats(store.db).waiting === 0, 30_000, 'every event to be acknowledged');

  const queued = store.db.prepare("SELECT id FROM sync_outbox WHERE kind = 'visit'").pluck().all() as string[];
  expect(queued).toHaveLength(1000);
  expect(queued.every((id) => seen.ids.has(id))).toBe(true);
  expect(seen.byKind).toEqual({ visit: 1000 });
  expect(count(store, "SELECT COUNT(*) FROM orders WHERE number > 5000 AND status = 'preparing'")).toBe(200);
  console.log(
    `[figures] broker down ~2 s of a ${((Date.now() - started) / 1000).toFixed(1)} s run: 1000 events, ` +
      `${seen.duplicates} redeliveries dropped by id at hq, ${store.service.status().reconnects} reconnects`,
  );
});

test('duplicates, out-of-order, malformed, 10 MB and another store: each handled by its rule, the stream goes on', async () => {
  const store = await openSyncTestStore({ brokerUrl: broker.url, storeId: 'store-b' });
  open.push(store);
  await store.service.start();
  await waitFor(() => store.service.status().state === 'connected', 10_000, 'the store to connect');
  const chain = await connectHq({ broker: broker.url });
  open.push(chain);
  const raw = (topic: string, payload: string | Buffer) => chain.publishAsync(topic, payload, { qos: 1 });
  const envelope = (kind: string, body: unknown, storeId: string | null = 'store-b', id: string = randomUUID()) =>
    JSON.stringify({ v: 1, id, kind, storeId, at: new Date().toISOString(), body });

  // Duplicate: the same message id twice applies once.
  const first = orderMessage(1);
  await publishMessages(chain, 'store-b', [first, first]);
  // Out of order: the order arrives already ready, then an older "preparing" copy (new id): it stays ready.
  await publishMessages(chain, 'store-b', [orderMessage(2, { status: 'ready' }), orderMessage(2)]);
  // Out of order: the cancellation overtakes its order; the order must never show.
  await publishMessages(chain, 'store-b', [
    {
      id: randomUUID(),
      kind: 'order-cancel',
      scope: 'store',
      body: { orderId: 'chain-3', cancelledAt: new Date().toISOString() },
    },
    orderMessage(3),
  ]);
  // Catalogue: version 7 then a late version 6: the later version's price stays.
  const product = (price: number) => [
    { id: 'chain-prod-1', name: 'Sourdough loaf', category: 'bakery', priceCents: price },
  ];
  await publishMessages(chain, 'store-b', [
    { id: randomUUID(), kind: 'catalogue', scope: 'chain', body: { version: 7, products: product(450) } },
    { id: randomUUID(), kind: 'catalogue', scope: 'chain', body: { version: 6, products: product(399) } },
  ]);
  // Garbage of every sort.
  await raw(storeDownTopic('store-b', 'order'), 'not json at all {');
  await raw(storeDownTopic('store-b', 'order'), JSON.stringify({ hello: 'world' }));
  await raw(storeDownTopic('store-b', 'order'), envelope('order', { orderId: 'x', number: -4 }));
  await raw(storeDownTopic('store-b', 'order'), envelope('order', orderMessage(4).body, 'store-zz'));
  await raw(chainDownTopic('catalogue'), Buffer.alloc(10 * 1024 * 1024, 0x41));
  // And the stream goes on: a last good order.
  await publishMessages(chain, 'store-b', [orderMessage(5)]);

  await waitFor(() => count(store, 'SELECT COUNT(*) FROM orders WHERE number = 5005') === 1, 20_000, 'the last order');
  expect(count(store, 'SELECT COUNT(*) FROM orders WHERE number = 5001')).toBe(1);
  expect(store.db.prepare('SELECT status FROM orders WHERE number = 5002').pluck().get()).toBe('ready');
  expect(count(store, 'SELECT COUNT(*) FROM orders WHERE number = 5003')).toBe(0);
  expect(count(store, 'SELECT COUNT(*) FROM orders WHERE number = 5004')).toBe(0);
  expect(store.db.prepare("SELECT price_cents FROM products WHERE id = 'chain-prod-1'").pluck().get()).toBe(450);
  const reasons = store.db.prepare('SELECT reason FROM sync_quarantine ORDER BY id').pluck().all() as string[];
  expect(reasons).toHaveLength(5);
  expect(reasons.join('\n')).toMatch(/not JSON/);
  expect(reasons.join('\n')).toMatch(/envelope is invalid/);
  expect(reasons.join('\n')).toMatch(/order body is invalid/);
  expect(reasons.join('\n')).toMatch(/addressed to store "store-zz"/);
  expect(reasons.join('\n')).toMatch(/10485760 bytes; the limit is/);
  expect(store.service.status().quarantined).toBe(5);
  expect(store.service.status().state).toBe('connected');
});

test('a whole offline day (5,000 visits on a fixed clock) drains when the broker is back', async () => {
  const clock = fixedClock('2026-11-20T06:00:00.000Z');
  const store = await openSyncTestStore({ brokerUrl: broker.url, storeId: 'store-c', clock });
  open.push(store);
  const seen = await hqWatcher('store-c');
  const bytes = () => {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    return statSync(store.file).size;
  };
  const before = bytes();
  recordVisits(store, 5000, (24 * 3600 * 1000) / 5000);
  const after = bytes();
  expect(outboxStats(store.db)).toEqual({ waiting: 5000, oldestWaitingAt: '2026-11-20T06:00:00.000Z' });

  const started = performance.now();
  await store.service.start();
  await waitFor(() => outboxStats(store.db).waiting === 0 && seen.unique === 5000, 120_000, 'the day to drain');
  const seconds = (performance.now() - started) / 1000;
  expect(seen.duplicates).toBe(0);
  console.log(
    `[figures] offline day: 5000 visits drained in ${seconds.toFixed(2)} s (${Math.round(5000 / seconds)} events/s); ` +
      `database grew ${((after - before) / 1024).toFixed(0)} KiB for the day (visits + outbox rows), ` +
      `${Math.round((after - before) / 5000)} bytes per event`,
  );
});
