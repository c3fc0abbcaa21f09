import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { recordConsent } from './consents.js';
import { createCustomer } from './customers.js';
import { openTestStore, sampleJpeg, type TestStore } from './testing.js';
import { getThumbnail, setThumbnail, thumbnailDataUrl } from './thumbnails.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
  createCustomer(store.db, store.clock, { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
});
afterEach(() => store.close());

const agree = (thumbnailAgreed: boolean) =>
  recordConsent(store.db, store.clock, {
    customerId: 'c1',
    textVersion: CURRENT_CONSENT_VERSION,
    recordedBy: 'm',
    thumbnailAgreed,
  });

describe('staff thumbnails', () => {
  it('refuses a thumbnail when the customer has no consent at all', () => {
    expect(() => setThumbnail(store.db, store.clock, 'c1', sampleJpeg())).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: 'Ada Lovelace did not agree to a staff thumbnail, so none was stored.',
      }),
    );
    expect(store.db.prepare('SELECT COUNT(*) FROM customer_thumbnails').pluck().get()).toBe(0);
  });

  it('refuses a thumbnail when the consent does not include one', () => {
    agree(false);
    expect(() => setThumbnail(store.db, store.clock, 'c1', sampleJpeg())).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(getThumbnail(store.db, 'c1')).toBeNull();
  });

  it('stores and returns the JPEG when the customer agreed, replacing an older one', () => {
    agree(true);
    const photo = sampleJpeg();
    setThumbnail(store.db, store.clock, 'c1', photo.subarray(0, 2000));
    setThumbnail(store.db, store.clock, 'c1', photo);
    expect(getThumbnail(store.db, 'c1')?.equals(photo)).toBe(true);
    expect(thumbnailDataUrl(store.db, 'c1')).toBe(`data:image/jpeg;base64,${photo.toString('base64')}`);
  });

  it('refuses bytes that are not a JPEG', () => {
    agree(true);
    expect(() => setThumbnail(store.db, store.clock, 'c1', Buffer.from('GIF89a'))).toThrow(
      expect.objectContaining({ code: 'invalid_payload' }),
    );
  });

  it('hides a stored thumbnail once the consent no longer covers it', () => {
    agree(true);
    setThumbnail(store.db, store.clock, 'c1', sampleJpeg());
    // Even if a row survived by some other path, reads are gated on the current consent.
    store.db.prepare('UPDATE consents SET thumbnail_agreed = 0').run();
    expect(getThumbnail(store.db, 'c1')).toBeNull();
    expect(thumbnailDataUrl(store.db, 'c1')).toBeNull();
  });
});
