import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { footfallBetween, hourKey, incrementFootfall } from './footfall.js';
import { openTestStore, type TestStore } from './testing.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore('2026-11-20T09:59:00.000Z');
});
afterEach(() => store.close());

describe('footfall', () => {
  it('names hours in UTC as YYYY-MM-DDTHH', () => {
    expect(hourKey(Date.parse('2026-11-20T23:59:59.999+02:00'))).toBe('2026-11-20T21');
  });

  it('adds up faces per camera and hour', () => {
    const { db, clock } = store;
    incrementFootfall(db, clock, 'door');
    incrementFootfall(db, clock, 'door', 2);
    incrementFootfall(db, clock, 'till', 1);
    clock.advance(60_000); // 10:00, a new hour
    incrementFootfall(db, clock, 'door');
    incrementFootfall(db, clock, 'door', 0);
    expect(
      footfallBetween(db, { fromMs: Date.parse('2026-11-20T00:00Z'), toMs: Date.parse('2026-11-21T00:00Z') }),
    ).toEqual([
      { cameraId: 'door', hour: '2026-11-20T09', facesSeen: 3 },
      { cameraId: 'till', hour: '2026-11-20T09', facesSeen: 1 },
      { cameraId: 'door', hour: '2026-11-20T10', facesSeen: 1 },
    ]);
    expect(
      footfallBetween(db, {
        fromMs: Date.parse('2026-11-20T10:00Z'),
        toMs: Date.parse('2026-11-20T11:00Z'),
        cameraId: 'door',
      }),
    ).toEqual([{ cameraId: 'door', hour: '2026-11-20T10', facesSeen: 1 }]);
  });

  it('refuses a count that is not a whole non-negative number', () => {
    expect(() => incrementFootfall(store.db, store.clock, 'door', -1)).toThrow(/whole number/);
    expect(() => incrementFootfall(store.db, store.clock, 'door', 1.5)).toThrow(/whole number/);
  });
});
