import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from './customers.js';
import { openTestStore, type TestStore } from './testing.js';
import { getVisit, lastVisit, recordVisit } from './visits.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
  createCustomer(store.db, store.clock, { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
});
afterEach(() => store.close());

describe('visits', () => {
  it('records an arrival with camera, score and time, and finds the latest one', () => {
    const first = recordVisit(store.db, store.clock, {
      customerId: 'c1',
      cameraId: 'door',
      score: 0.71,
      orderId: null,
    });
    store.clock.advance(3_600_000);
    const second = recordVisit(store.db, store.clock, {
      customerId: 'c1',
      cameraId: 'door',
      score: 0.8,
      orderId: null,
    });
    expect(getVisit(store.db, first.id)).toEqual({
      id: first.id,
      customerId: 'c1',
      cameraId: 'door',
      arrivedAt: '2026-11-20T09:30:00.000Z',
      score: 0.71,
      orderId: null,
    });
    expect(lastVisit(store.db, 'c1')).toEqual(second);
    expect(lastVisit(store.db, 'nobody')).toBeNull();
  });

  it('refuses a visit for someone who is not a customer', () => {
    expect(() =>
      recordVisit(store.db, store.clock, { customerId: 'stranger', cameraId: 'door', score: 0.9, orderId: null }),
    ).toThrow(/FOREIGN KEY/);
  });
});
