/**
 * Helpers for sync tests and the sync benchmark: a real store database in a temporary folder (the demo store,
 * migrated like the app's), sync settings pointing at a broker, and a SyncService on it. Not used by the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { seedDemoStore } from '../demo/seed-demo-store.js';
import { createLogger, memoryLogger, type Logger } from '../logger.js';
import { openDatabase, type WritableDb } from '../store/database.js';
import { recordVisit } from '../store/visits.js';
import type { SyncEffects } from './apply-result.js';
import { queueVisit } from './hooks.js';
import { memorySecretStore } from '../secrets/secret-store.js';
import { SyncService, type SyncOptions } from './sync-service.js';
import { saveSettings } from './sync-settings.js';

export interface SyncTestStore {
  readonly dir: string;
  readonly file: string;
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly service: SyncService;
  readonly effects: SyncEffects[];
  readonly customerIds: readonly string[];
  close(): Promise<void>;
}

export async function openSyncTestStore(options: {
  brokerUrl: string;
  storeId: string;
  clock?: Clock;
  sync?: Partial<SyncOptions>;
  logger?: Logger;
  dir?: string;
}): Promise<SyncTestStore> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-sync-'));
  const file = path.join(dir, 'kiosk.sqlite3');
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? (process.env.KIOSK_SYNC_LOG ? createLogger({ level: 'debug' }) : memoryLogger());
  const db = openDatabase(file, { logger, clock });
  seedDemoStore(db, { clock });
  const secrets = memorySecretStore();
  await saveSettings(db, secrets, {
    storeId: options.storeId,
    brokerUrl: options.brokerUrl,
    username: '',
    caPem: '',
    clientCertPem: '',
    rejectUnauthorized: true,
  });
  const effects: SyncEffects[] = [];
  const service = new SyncService({
    db,
    clock,
    logger,
    secrets,
    version: 'test',
    cameras: () => [],
    onStatus: () => undefined,
    onApplied: (e) => effects.push(e),
    options: { backoff: { initialMs: 100, maxMs: 1000 }, pollMs: 50, statusThrottleMs: 50, ...options.sync },
  });
  const customerIds = (db.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as string[]).slice(0, 10);
  return {
    dir,
    file,
    db,
    clock,
    service,
    effects,
    customerIds,
    close: async () => {
      await service.stop();
      if (db.open) db.close();
      if (options.dir === undefined) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Records `count` visits the way Arrivals does (visit and outbox row in one transaction). */
export function recordVisits(
  store: { db: WritableDb; clock: Clock; customerIds: readonly string[] },
  count: number,
  stepMs = 0,
): void {
  const { db, clock } = store;
  const advance = (clock as Partial<{ advance(ms: number): void }>).advance;
  for (let i = 0; i < count; i += 1) {
    const customerId = store.customerIds[i % store.customerIds.length] ?? 'c-001';
    db.transaction(() => {
      const visit = recordVisit(db, clock, { customerId, cameraId: 'entrance', score: 0.8, orderId: null });
      queueVisit(db, visit);
    })();
    if (stepMs > 0) advance?.call(clock, stepMs);
  }
}

/** Polls until `check` is true or `timeoutMs` passed. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
