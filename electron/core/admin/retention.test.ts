import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoAt } from '../clock.js';
import { listAudit } from '../store/audit.js';
import { createCustomer } from '../store/customers.js';
import { incrementFootfall } from '../store/footfall.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { recordVisit } from '../store/visits.js';
import { AdminScheduler, backupDue, DAY_MS } from './admin-scheduler.js';
import { recordAudienceAggregate } from './audience-aggregates.js';
import {
  DEFAULT_RETENTION,
  writePrivacySettings,
  defaultPrivacySettings,
  readPrivacySettings,
} from './privacy-settings.js';
import { purgeExpired } from './retention.js';
import type { BackupInfo } from '../../contract/admin-dto.js';

let store: TestStore;

beforeEach(() => {
  store = openTestStore('2025-06-01T10:00:00.000Z');
  const { db, clock } = store;
  createCustomer(db, clock, { id: 'c1', firstName: 'Ada', lastName: 'L', email: 'a@example.com' });
  writePrivacySettings(db, clock, { ...defaultPrivacySettings('UTC'), audienceEstimates: true }, 'maria');
  // Data on 1 June 2025, then the clock moves on.
  recordVisit(db, clock, { customerId: 'c1', cameraId: 'door', score: 0.9, orderId: null });
  incrementFootfall(db, clock, 'door', 3);
  recordAudienceAggregate(db, clock, { cameraId: 'door', age: 30, gender: 'female', expression: 'happy' });
});
afterEach(() => store.close());

const count = (table: string): unknown => store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();

describe('purgeExpired', () => {
  it('keeps everything younger than the limits (one year by default)', () => {
    store.clock.set(Date.parse('2026-05-31T10:00:00.000Z'));
    expect(purgeExpired(store.db, store.clock, DEFAULT_RETENTION)).toEqual({
      visits: 0,
      audit: 0,
      footfall: 0,
      audience: 0,
    });
    expect(count('visits')).toBe(1);
    expect(count('footfall_hourly')).toBe(1);
  });

  it('deletes visits, counts and audit entries once they are older than their limit', () => {
    store.clock.set(Date.parse('2026-06-02T10:00:00.000Z'));
    const outcome = purgeExpired(store.db, store.clock, DEFAULT_RETENTION);
    expect(outcome).toMatchObject({ visits: 1, footfall: 1, audience: 3 });
    expect(outcome.audit).toBeGreaterThanOrEqual(1);
    expect(count('visits')).toBe(0);
    expect(count('footfall_hourly')).toBe(0);
    expect(count('audience_hourly')).toBe(0);
    // The purge itself is on record, with counts only.
    expect(listAudit(store.db, { action: 'retention.purged' })[0]?.details).toMatchObject({ visits: 1, footfall: 1 });
  });

  it('applies each kind its own limit', () => {
    store.clock.set(Date.parse('2025-06-11T10:00:00.000Z'));
    const outcome = purgeExpired(store.db, store.clock, { visitsDays: 7, aggregatesDays: 30, auditDays: 365 });
    expect(outcome).toEqual({ visits: 1, audit: 0, footfall: 0, audience: 0 });
    expect(count('footfall_hourly')).toBe(1);
  });
});

describe('the admin scheduler', () => {
  const backupAt = (iso: string): BackupInfo => ({ name: 'b', createdAt: iso, reason: 'scheduled', bytes: 1 });

  it('takes a backup when there is none or the newest is a day old', () => {
    const now = Date.parse('2026-06-02T10:00:00.000Z');
    expect(backupDue(null, now)).toBe(true);
    expect(backupDue(backupAt(isoAt(now - DAY_MS + 60_000)), now)).toBe(false);
    expect(backupDue(backupAt(isoAt(now - DAY_MS)), now)).toBe(true);
  });

  it('purges with the retention in force and backs up when due, on each tick of a fixed clock', async () => {
    const made: string[] = [];
    let latest: BackupInfo | null = null;
    const scheduler = new AdminScheduler({
      clock: store.clock,
      logger: store.logger,
      retention: () => readPrivacySettings(store.db, 'UTC').retention,
      purge: (retention) => purgeExpired(store.db, store.clock, retention),
      latestBackup: () => latest,
      backup: () => {
        latest = backupAt(isoAt(store.clock.now()));
        made.push(latest.createdAt);
        return Promise.resolve(latest);
      },
    });
    const first = await scheduler.tick();
    expect(first.backup).not.toBeNull();
    expect(first.purged).toEqual({ visits: 0, audit: 0, footfall: 0, audience: 0 });

    store.clock.advance(60 * 60 * 1000);
    expect((await scheduler.tick()).backup).toBeNull();

    store.clock.set(Date.parse('2026-06-02T10:00:00.000Z'));
    const later = await scheduler.tick();
    expect(later.backup).not.toBeNull();
    expect(later.purged?.visits).toBe(1);
    expect(made).toHaveLength(2);
    expect(count('visits')).toBe(0);
  });

  it('goes on with the backup when the purge fails, and logs why', async () => {
    let backups = 0;
    const scheduler = new AdminScheduler({
      clock: store.clock,
      logger: store.logger,
      retention: () => DEFAULT_RETENTION,
      purge: () => {
        throw new Error('disk full');
      },
      latestBackup: () => null,
      backup: () => {
        backups += 1;
        return Promise.resolve(backupAt(isoAt(store.clock.now())));
      },
    });
    const outcome = await scheduler.tick();
    expect(outcome.purged).toBeNull();
    expect(backups).toBe(1);
    expect(store.logger.lines.some((l) => l.message === 'retention purge failed')).toBe(true);
  });
});
