import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from './audit.js';
import { getSetting, setSetting, storeName } from './settings.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
});
afterEach(() => store.close());

describe('audit log', () => {
  it('appends entries with time, actor, action and JSON details, newest first', () => {
    appendAudit(store.db, store.clock, { actor: 'Morgan', action: 'user.signed_in' });
    store.clock.advance(1000);
    appendAudit(store.db, store.clock, {
      actor: 'Morgan',
      action: 'customer.biometrics_erased',
      details: { customerId: 'c1', templates: 3 },
    });
    expect(listAudit(store.db).map((e) => [e.at, e.actor, e.action, e.details])).toEqual([
      ['2026-11-20T09:30:01.000Z', 'Morgan', 'customer.biometrics_erased', { customerId: 'c1', templates: 3 }],
      ['2026-11-20T09:30:00.000Z', 'Morgan', 'user.signed_in', {}],
    ]);
    expect(listAudit(store.db, { action: 'user.signed_in' })).toHaveLength(1);
  });
});

describe('settings', () => {
  it('stores JSON values and reads them back', () => {
    expect(getSetting(store.db, 'store.name')).toBeUndefined();
    expect(storeName(store.db, 'My store')).toBe('My store');
    setSetting(store.db, 'store.name', 'Corner Market');
    setSetting(store.db, 'store.name', 'Corner Market (demo)');
    setSetting(store.db, 'limits', { maxFaces: 3 });
    expect(storeName(store.db, 'My store')).toBe('Corner Market (demo)');
    expect(getSetting(store.db, 'limits')).toEqual({ maxFaces: 3 });
  });
});
