import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { listAudit } from '../store/audit.js';
import { recordConsent } from '../store/consents.js';
import { createCustomer } from '../store/customers.js';
import { eraseCustomerBiometrics } from '../store/erasure.js';
import { addTemplates } from '../store/templates.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { BackupService } from './backups.js';
import { createCoreHooks, type RestoredEvent } from './core-hooks.js';

let store: TestStore;
let backups: BackupService;
let restored: RestoredEvent[];

function enrol(id: string): void {
  const { db, clock } = store;
  createCustomer(db, clock, { id, firstName: id, lastName: 'Test', email: `${id}@example.com` });
  recordConsent(db, clock, {
    customerId: id,
    textVersion: CURRENT_CONSENT_VERSION,
    recordedBy: 'maria',
    thumbnailAgreed: false,
  });
  addTemplates(db, clock, id, 'model-a', [new Float32Array([1, 0]), new Float32Array([0.6, 0.8])]);
}

const customers = (): string[] => store.db.prepare<[], string>('SELECT id FROM customers ORDER BY id').pluck().all();
const templates = (id: string): unknown =>
  store.db.prepare('SELECT COUNT(*) FROM face_templates WHERE customer_id = ?').pluck().get(id);

beforeEach(() => {
  store = openTestStore('2026-11-20T09:30:00.000Z');
  const hooks = createCoreHooks(store.logger);
  restored = [];
  hooks.restored.add((event) => void restored.push(event));
  backups = new BackupService({
    db: store.db,
    dir: path.join(store.dir, 'backups'),
    clock: store.clock,
    logger: store.logger,
    hooks,
  });
  enrol('anna');
});
afterEach(() => store.close());

describe('backups', () => {
  it('writes a complete database with the online backup and lists it', async () => {
    const info = await backups.create('manual', 'maria');
    expect(info).toMatchObject({ reason: 'manual', createdAt: '2026-11-20T09:30:00.000Z' });
    expect(info.bytes).toBeGreaterThan(0);
    expect(backups.list().map((b) => b.name)).toEqual([info.name]);
    expect(listAudit(store.db, { action: 'backup.created' })[0]).toMatchObject({ actor: 'maria' });
    // No half-written file is left beside it.
    expect(fs.readdirSync(path.join(store.dir, 'backups'))).toEqual([info.name]);
  });

  it('keeps only the newest three', async () => {
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      names.push((await backups.create(i % 2 === 0 ? 'scheduled' : 'manual', 'maria')).name);
      store.clock.advance(60 * 60 * 1000);
    }
    expect(backups.list().map((b) => b.name)).toEqual(names.slice(2).reverse());
  });

  it('names backups made in the same second apart, newest first', async () => {
    const a = await backups.create('manual', 'maria');
    const b = await backups.create('manual', 'maria');
    expect(a.name).not.toBe(b.name);
    expect(backups.list()[0]?.name).toBe(b.name);
  });

  it('restores the backup’s data over the open handle, which keeps working, and says what was enrolled before', async () => {
    const backup = await backups.create('manual', 'maria');
    store.clock.advance(60_000);
    enrol('bob');
    store.db.prepare("UPDATE customers SET first_name = 'Changed' WHERE id = 'anna'").run();

    const result = await backups.restore(backup.name, 'maria');
    expect(customers()).toEqual(['anna']);
    expect(store.db.prepare("SELECT first_name FROM customers WHERE id = 'anna'").pluck().get()).toBe('anna');
    expect(templates('anna')).toBe(2);
    expect(templates('bob')).toBe(0);
    expect(restored).toHaveLength(1);
    expect([...(restored[0]?.enrolledBefore ?? [])].sort()).toEqual(['anna', 'bob']);
    // The same handle goes on serving reads and writes.
    enrol('carla');
    expect(customers()).toEqual(['anna', 'carla']);
    // The state before the restore was saved, so the restore can be undone.
    expect(result.safety.reason).toBe('before-restore');
    await backups.restore(result.safety.name, 'maria');
    expect(customers()).toEqual(['anna', 'bob']);
  });

  it('keeps the audit entries made after the backup, and the restore itself is on record', async () => {
    const backup = await backups.create('manual', 'maria');
    store.clock.advance(60_000);
    enrol('bob');
    await backups.restore(backup.name, 'maria');
    const actions = listAudit(store.db, { limit: 50 }).map((e) => e.action);
    expect(actions).toContain('consent.recorded');
    expect(actions[0]).toBe('backup.restored');
    expect(store.db.prepare("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%bob%'").pluck().get()).toBeGreaterThan(
      0,
    );
  });

  it('never brings back the face data of someone erased after the backup was made', async () => {
    const backup = await backups.create('manual', 'maria');
    store.clock.advance(60_000);
    eraseCustomerBiometrics(store.db, store.clock, 'anna', 'maria');
    await backups.restore(backup.name, 'maria');
    expect(customers()).toEqual(['anna']);
    expect(templates('anna')).toBe(0);
    expect(store.db.prepare("SELECT COUNT(*) FROM consents WHERE customer_id = 'anna'").pluck().get()).toBe(0);
  });

  it('refuses a damaged backup and changes nothing', async () => {
    const backup = await backups.create('manual', 'maria');
    const file = path.join(store.dir, 'backups', backup.name);
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    enrol('bob');
    await expect(backups.restore(backup.name, 'maria')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/cannot be read|damaged/),
    });
    expect(customers()).toEqual(['anna', 'bob']);
    expect(restored).toHaveLength(0);
  });

  it('refuses a name that is not in the list, so no path from a window is ever opened', async () => {
    await expect(backups.restore('../kiosk.sqlite3', 'maria')).rejects.toMatchObject({ code: 'invalid_payload' });
    await expect(backups.restore('kiosk-20260101-000000-manual.sqlite3', 'maria')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
