import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../contract/dispatch.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { SignIns } from '../services/sign-ins.js';
import { listAudit } from '../store/audit.js';
import { recordConsent } from '../store/consents.js';
import { createCustomer } from '../store/customers.js';
import { addTemplates } from '../store/templates.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { createManager } from '../store/users.js';
import { recordVisit } from '../store/visits.js';
import { createAdminHandlers } from './admin-handlers.js';
import { BackupService } from './backups.js';
import { createCoreHooks, type ErasedEvent } from './core-hooks.js';
import { defaultPrivacySettings } from './privacy-settings.js';

const admin: Caller = { role: 'admin', connectionId: 'admin-1' };
const staff: Caller = { role: 'staff', connectionId: 'staff-1' };

let store: TestStore;
let signIns: SignIns;
let handlers: ReturnType<typeof createAdminHandlers>;
let erased: ErasedEvent[];
let privacyChanges: number;

beforeEach(async () => {
  store = openTestStore();
  signIns = new SignIns();
  const hooks = createCoreHooks(store.logger);
  erased = [];
  privacyChanges = 0;
  hooks.erased.add((event) => void erased.push(event));
  const manager = await createManager(store.db, store.clock, 'maria', 'correct horse 42');
  signIns.signIn(admin.connectionId, { userId: manager.id, username: 'maria', role: 'manager' });
  handlers = createAdminHandlers({
    db: store.db,
    clock: store.clock,
    signIns,
    hooks,
    backups: new BackupService({
      db: store.db,
      dir: path.join(store.dir, 'backups'),
      clock: store.clock,
      logger: store.logger,
      hooks,
    }),
    storeName: () => 'Corner Market',
    timeZone: 'UTC',
    onPrivacyChanged: () => void (privacyChanges += 1),
  });
});
afterEach(() => store.close());

describe('the manager’s commands', () => {
  it('refuse a window where nobody signed in as manager', () => {
    expect(() => handlers['users.list']({}, { role: 'admin', connectionId: 'other' })).toThrow(
      expect.objectContaining({ code: 'unauthenticated' }),
    );
  });

  it('let a manager add a clerk who then signs in on a staff window, and disable them', async () => {
    const clerk = await handlers['users.create']({ username: 'kim', password: 'counter pass 1', role: 'clerk' }, admin);
    expect(clerk).toMatchObject({ username: 'kim', role: 'clerk', disabled: false });
    expect(await handlers['auth.clerkLogin']({ username: 'kim', password: 'counter pass 1' }, staff)).toEqual({
      username: 'kim',
      role: 'clerk',
    });
    expect(signIns.current(staff.connectionId)?.username).toBe('kim');

    expect((await handlers['users.setDisabled']({ userId: clerk.id, disabled: true }, admin)).disabled).toBe(true);
    // Disabling signs the account out of every window and keeps it out.
    expect(signIns.current(staff.connectionId)).toBeNull();
    await expect(
      handlers['auth.clerkLogin']({ username: 'kim', password: 'counter pass 1' }, staff),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/disabled/),
    });
    const actions = listAudit(store.db).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.disabled']));
  });

  it('refuse to disable the last manager', async () => {
    const maria = (await handlers['users.list']({}, admin)).find((u) => u.username === 'maria');
    expect(() => handlers['users.setDisabled']({ userId: maria?.id ?? 0, disabled: true }, admin)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('reset a password, which lifts a lock-out', async () => {
    const clerk = await handlers['users.create']({ username: 'kim', password: 'counter pass 1', role: 'clerk' }, admin);
    for (let i = 0; i < 5; i++) {
      await Promise.resolve(handlers['auth.clerkLogin']({ username: 'kim', password: 'wrong' }, staff)).catch(
        () => undefined,
      );
    }
    expect((await handlers['users.list']({}, admin)).find((u) => u.id === clerk.id)?.lockedUntil).not.toBeNull();
    const after = await handlers['users.resetPassword']({ userId: clerk.id, password: 'a new secret 2' }, admin);
    expect(after.lockedUntil).toBeNull();
    await expect(
      handlers['auth.clerkLogin']({ username: 'kim', password: 'a new secret 2' }, staff),
    ).resolves.toMatchObject({
      username: 'kim',
    });
  });

  it('audit a CSV export with who, when and what range', async () => {
    const exported = await handlers['reports.exportCsv']({ from: '2026-11-01', to: '2026-11-20' }, admin);
    expect(exported.csv.startsWith('date,hour,camera,measure,category,value')).toBe(true);
    expect(listAudit(store.db, { action: 'report.exported' })[0]).toMatchObject({
      actor: 'maria',
      details: { from: '2026-11-01', to: '2026-11-20', cameraId: null },
    });
  });

  it('save privacy settings, audit the change, and the notice follows', async () => {
    const settings = {
      ...defaultPrivacySettings('UTC'),
      retention: { visitsDays: 30, auditDays: 400, aggregatesDays: 365 },
    };
    await handlers['privacy.updateSettings'](settings, admin);
    expect(privacyChanges).toBe(1);
    expect((await handlers['privacy.settings']({}, admin)).retention.visitsDays).toBe(30);
    expect(listAudit(store.db, { action: 'settings.privacy_changed' })[0]?.details).toEqual({
      retention: settings.retention,
    });
    const notice = await handlers['privacy.notice']({}, admin);
    expect(notice.sections.flatMap((s) => s.paragraphs).join(' ')).toContain('deleted after 30 days');
  });

  it('withdraw a consent: face data and visits go in one step and the erasure hooks hear of it', async () => {
    const { db, clock } = store;
    createCustomer(db, clock, { id: 'c1', firstName: 'Ada', lastName: 'L', email: 'a@example.com' });
    recordConsent(db, clock, {
      customerId: 'c1',
      textVersion: CURRENT_CONSENT_VERSION,
      recordedBy: 'maria',
      thumbnailAgreed: false,
    });
    addTemplates(db, clock, 'c1', 'model-a', [new Float32Array([1, 0])]);
    recordVisit(db, clock, { customerId: 'c1', cameraId: 'door', score: 0.9, orderId: null });
    expect(await handlers['customers.withdrawConsent']({ customerId: 'c1' }, admin)).toEqual({ withdrawn: true });
    for (const table of ['face_templates', 'visits']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE customer_id = 'c1'`).pluck().get()).toBe(0);
    }
    expect(erased).toEqual([{ customerId: 'c1', reason: 'withdrawal', actor: 'maria', outcome: null }]);
  });

  it('list the audit log filtered by action and by who', async () => {
    await handlers['users.create']({ username: 'kim', password: 'counter pass 1', role: 'clerk' }, admin);
    const created = await handlers['audit.list']({ action: 'user.created' }, admin);
    expect(created.map((e) => e.details.username ?? e.details.role)).toEqual(['kim', 'manager']);
    expect((await handlers['audit.list']({ actor: 'MARIA' }, admin)).length).toBeGreaterThan(0);
    expect(await handlers['audit.list']({ actor: 'nobody' }, admin)).toEqual([]);
  });
});
