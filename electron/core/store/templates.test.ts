import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { recordConsent, withdrawConsent } from './consents.js';
import { createCustomer } from './customers.js';
import { addTemplates, countTemplates, decodeEmbedding, encodeEmbedding, loadTemplates } from './templates.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
  for (const id of ['c1', 'c2', 'c3']) {
    createCustomer(store.db, store.clock, { id, firstName: id, lastName: 'Test', email: `${id}@example.com` });
  }
  for (const id of ['c1', 'c2']) {
    recordConsent(store.db, store.clock, {
      customerId: id,
      textVersion: CURRENT_CONSENT_VERSION,
      recordedBy: 'm',
      thumbnailAgreed: false,
    });
  }
});
afterEach(() => store.close());

describe('face templates', () => {
  it('stores embeddings as little-endian Float32 and reads them back exactly', () => {
    const embedding = new Float32Array([0.1, -2.5, 3.25e-7, 1]);
    const bytes = encodeEmbedding(embedding);
    expect(bytes.length).toBe(16);
    expect(bytes.readFloatLE(4)).toBe(-2.5);
    expect(Array.from(bytes.subarray(12, 16))).toEqual([0x00, 0x00, 0x80, 0x3f]); // 1.0f little-endian
    expect(decodeEmbedding(bytes)).toEqual(embedding);
    expect(() => decodeEmbedding(new Uint8Array(6))).toThrow(/not a Float32 array/);
  });

  it('adds several templates at once and loads those of one model only', () => {
    const { db, clock } = store;
    expect(addTemplates(db, clock, 'c1', 'model-a', [new Float32Array([1, 0, 0]), new Float32Array([0, 1, 0])])).toBe(
      2,
    );
    addTemplates(db, clock, 'c2', 'model-a', [new Float32Array([0, 0, 1])]);
    addTemplates(db, clock, 'c2', 'model-b', [new Float32Array([0.5, 0.5])]);

    expect(loadTemplates(db, 'model-a')).toEqual([
      { customerId: 'c1', embedding: new Float32Array([1, 0, 0]) },
      { customerId: 'c1', embedding: new Float32Array([0, 1, 0]) },
      { customerId: 'c2', embedding: new Float32Array([0, 0, 1]) },
    ]);
    expect(loadTemplates(db, 'model-b')).toHaveLength(1);
    expect(countTemplates(db)).toBe(4);
    expect(countTemplates(db, { customerId: 'c2' })).toBe(2);
    expect(countTemplates(db, { customerId: 'c2', modelId: 'model-b' })).toBe(1);
  });

  it('stores all or none when one embedding in the batch is bad', () => {
    expect(() =>
      addTemplates(store.db, store.clock, 'c1', 'model-a', [
        new Float32Array([1, 0]),
        new Float32Array([1, Number.NaN]),
      ]),
    ).toThrow(/not a number/);
    expect(() =>
      addTemplates(store.db, store.clock, 'c1', 'model-a', [new Float32Array([1, 0]), new Float32Array([1, 0, 0])]),
    ).toThrow(/same non-zero length/);
    expect(countTemplates(store.db)).toBe(0);
  });

  it('refuses templates for a customer without a current consent', () => {
    expect(() => addTemplates(store.db, store.clock, 'c3', 'model-a', [new Float32Array([1])])).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: 'c3 Test has no current consent, so no face templates can be stored.',
      }),
    );
    expect(countTemplates(store.db)).toBe(0);
  });

  it('never loads templates of a customer whose consent was withdrawn', () => {
    addTemplates(store.db, store.clock, 'c1', 'model-a', [new Float32Array([1])]);
    addTemplates(store.db, store.clock, 'c2', 'model-a', [new Float32Array([2])]);
    withdrawConsent(store.db, store.clock, 'c1', 'm');
    expect(loadTemplates(store.db, 'model-a').map((t) => t.customerId)).toEqual(['c2']);
  });
});
