import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { listAudit } from './audit.js';
import { currentConsent, recordConsent, withdrawConsent } from './consents.js';
import { recordVisit } from './visits.js';
import { createCustomer } from './customers.js';
import { addTemplates, countTemplates } from './templates.js';
import { getThumbnail, setThumbnail } from './thumbnails.js';
import { openTestStore, sampleJpeg, type TestStore } from './testing.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
  createCustomer(store.db, store.clock, { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
});
afterEach(() => store.close());

const consent = (thumbnailAgreed: boolean) => ({
  customerId: 'c1',
  textVersion: CURRENT_CONSENT_VERSION,
  recordedBy: 'manager',
  thumbnailAgreed,
});

describe('consents', () => {
  it('records a consent and returns it as the current one', () => {
    const recorded = recordConsent(store.db, store.clock, consent(false));
    expect(currentConsent(store.db, 'c1')).toEqual(recorded);
    expect(recorded).toEqual({
      textVersion: CURRENT_CONSENT_VERSION,
      agreedAt: '2026-11-20T09:30:00.000Z',
      recordedBy: 'manager',
      thumbnailAgreed: false,
    });
    expect(listAudit(store.db, { action: 'consent.recorded' })).toHaveLength(1);
  });

  it('refuses a consent to a text version other than the current one', () => {
    expect(() => recordConsent(store.db, store.clock, { ...consent(false), textVersion: 'v0-old' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(currentConsent(store.db, 'c1')).toBeNull();
  });

  it('refuses a consent for an unknown customer', () => {
    expect(() => recordConsent(store.db, store.clock, { ...consent(false), customerId: 'ghost' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('replaces the current consent and drops a thumbnail the new one no longer covers', () => {
    recordConsent(store.db, store.clock, consent(true));
    setThumbnail(store.db, store.clock, 'c1', sampleJpeg());
    store.clock.advance(60_000);
    recordConsent(store.db, store.clock, consent(false));
    expect(currentConsent(store.db, 'c1')).toMatchObject({
      thumbnailAgreed: false,
      agreedAt: '2026-11-20T09:31:00.000Z',
    });
    expect(store.db.prepare('SELECT COUNT(*) FROM customer_thumbnails').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT COUNT(*) FROM consents WHERE withdrawn_at IS NOT NULL').pluck().get()).toBe(1);
  });

  it('withdrawing ends the consent and deletes the templates, thumbnail and visits in the same step', () => {
    recordConsent(store.db, store.clock, consent(true));
    addTemplates(store.db, store.clock, 'c1', 'model-a', [new Float32Array([0.6, 0.8])]);
    setThumbnail(store.db, store.clock, 'c1', sampleJpeg());
    recordVisit(store.db, store.clock, { customerId: 'c1', cameraId: 'door', score: 0.8, orderId: null });

    const outcome = withdrawConsent(store.db, store.clock, 'c1', 'manager');
    expect(outcome).toEqual({ withdrawn: true, templatesDeleted: 1, thumbnailDeleted: true, visitsDeleted: 1 });
    expect(store.db.prepare("SELECT COUNT(*) FROM visits WHERE customer_id = 'c1'").pluck().get()).toBe(0);
    expect(currentConsent(store.db, 'c1')).toBeNull();
    expect(countTemplates(store.db, { customerId: 'c1' })).toBe(0);
    expect(getThumbnail(store.db, 'c1')).toBeNull();
    expect(listAudit(store.db, { action: 'consent.withdrawn' })[0]).toMatchObject({
      actor: 'manager',
      details: { customerId: 'c1', templatesDeleted: 1 },
    });
  });

  it('reports nothing withdrawn when there was no consent', () => {
    expect(withdrawConsent(store.db, store.clock, 'c1', 'manager')).toEqual({
      withdrawn: false,
      templatesDeleted: 0,
      thumbnailDeleted: false,
      visitsDeleted: 0,
    });
  });
});
