import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from '../store/customers.js';
import { incrementFootfall } from '../store/footfall.js';
import { addProduct } from '../store/products.js';
import { advanceOrder, createOrder } from '../store/orders.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { recordVisit } from '../store/visits.js';
import { ageBand, recordAudienceAggregate } from './audience-aggregates.js';
import { defaultPrivacySettings, writePrivacySettings } from './privacy-settings.js';
import { csvField, reportCsv } from './report-csv.js';
import { buildAudienceReport, durationStats } from './reports.js';

let store: TestStore;
const ZONE = 'Europe/Berlin';

function at(iso: string): void {
  store.clock.set(Date.parse(iso));
}

beforeEach(() => {
  store = openTestStore('2026-11-16T08:00:00.000Z');
  const { db, clock } = store;
  writePrivacySettings(db, clock, { ...defaultPrivacySettings(ZONE), audienceEstimates: true }, 'maria');
  addProduct(db, { id: 'p1', name: 'Oat milk', category: 'dairy', priceCents: 100, imageSvg: '<svg/>' });
  for (const id of ['anna', 'bob'])
    createCustomer(db, clock, { id, firstName: id, lastName: 'T', email: `${id}@x.org` });

  // Monday 16 Nov: 08:10 UTC = 09:10 Berlin. Anna visits, her order is ready 4 min later, collected at 6 min.
  at('2026-11-16T08:10:00.000Z');
  const order = createOrder(db, clock, {
    customerId: 'anna',
    items: [{ productId: 'p1', quantity: 1 }],
    actor: 'shop',
  });
  recordVisit(db, clock, { customerId: 'anna', cameraId: 'door', score: 0.9, orderId: order.id });
  incrementFootfall(db, clock, 'door', 5);
  incrementFootfall(db, clock, 'till', 2);
  recordAudienceAggregate(db, clock, { cameraId: 'door', age: 31, gender: 'female', expression: 'happy' });
  recordAudienceAggregate(db, clock, { cameraId: 'door', age: 70, gender: 'male', expression: 'surprised' });
  at('2026-11-16T08:14:00.000Z');
  advanceOrder(db, clock, order.id, 'ready', 'kim');
  at('2026-11-16T08:16:00.000Z');
  advanceOrder(db, clock, order.id, 'collected', 'kim');

  // Tuesday 17 Nov: Anna again (returning), Bob for the first time; 17:30 UTC = 18:30 Berlin.
  at('2026-11-17T17:30:00.000Z');
  recordVisit(db, clock, { customerId: 'anna', cameraId: 'door', score: 0.9, orderId: null });
  recordVisit(db, clock, { customerId: 'bob', cameraId: 'till', score: 0.9, orderId: null });
  incrementFootfall(db, clock, 'door', 4);
  at('2026-11-18T12:00:00.000Z');
});
afterEach(() => store.close());

describe('the audience report', () => {
  it('sums footfall per local day and local hour for the whole store', () => {
    const report = buildAudienceReport(store.db, { from: '2026-11-16', to: '2026-11-17' }, ZONE);
    expect(report.totals.faces).toBe(11);
    expect(report.footfallByDay).toEqual([
      { date: '2026-11-16', faces: 7 },
      { date: '2026-11-17', faces: 4 },
    ]);
    expect(report.footfallByHour[9]).toBe(7);
    expect(report.footfallByHour[18]).toBe(4);
    expect(report.cameras).toEqual(['door', 'till']);
  });

  it('narrows everything to one camera', () => {
    const report = buildAudienceReport(store.db, { from: '2026-11-16', to: '2026-11-17', cameraId: 'till' }, ZONE);
    expect(report.totals).toMatchObject({ faces: 2, visits: 1, customers: 1 });
    expect(report.audience.genders.every((g) => g.count === 0)).toBe(true);
  });

  it('counts recognised visits and a customer seen on an earlier day as returning', () => {
    const report = buildAudienceReport(store.db, { from: '2026-11-16', to: '2026-11-17' }, ZONE);
    expect(report.totals).toMatchObject({ visits: 3, customers: 2, returningCustomers: 1 });
    expect(report.visitsByDay).toEqual([
      { date: '2026-11-16', visits: 1, customers: 1, returning: 0 },
      { date: '2026-11-17', visits: 2, customers: 2, returning: 1 },
    ]);
    // Looking at Tuesday alone, Anna still counts as returning: she came on Monday.
    expect(
      buildAudienceReport(store.db, { from: '2026-11-17', to: '2026-11-17' }, ZONE).totals.returningCustomers,
    ).toBe(1);
  });

  it('measures the time from arrival to collection and the wait until the order was ready', () => {
    const report = buildAudienceReport(store.db, { from: '2026-11-16', to: '2026-11-17' }, ZONE);
    expect(report.arrivalToCollection).toMatchObject({ count: 1, medianMinutes: 6 });
    expect(report.pickupWait).toMatchObject({ count: 1, medianMinutes: 4 });
    expect(report.pickupWait.buckets.find((b) => b.label === '2–5 min')?.count).toBe(1);
  });

  it('gives the audience estimates as totals per band', () => {
    const { audience } = buildAudienceReport(store.db, { from: '2026-11-16', to: '2026-11-16' }, ZONE);
    expect(audience.ageBands.find((b) => b.value === '25-34')?.count).toBe(1);
    expect(audience.ageBands.find((b) => b.value === '65+')?.count).toBe(1);
    expect(audience.genders.filter((g) => g.count > 0).map((g) => g.value)).toEqual(['female', 'male']);
    expect(audience.expressions.find((e) => e.value === 'surprise')?.count).toBe(1);
  });

  it('refuses a range longer than a year with a sentence', () => {
    expect(() => buildAudienceReport(store.db, { from: '2024-01-01', to: '2026-01-01' }, ZONE)).toThrow(
      /at most 366 days/,
    );
  });
});

describe('audience aggregates', () => {
  it('puts ages in bands', () => {
    expect([0, 17, 18, 24, 25, 44.9, 64, 65, 90].map(ageBand)).toEqual([
      '0-17',
      '0-17',
      '18-24',
      '18-24',
      '25-34',
      '35-44',
      '55-64',
      '65+',
      '65+',
    ]);
  });

  it('stores nothing while audience estimates are off', () => {
    writePrivacySettings(store.db, store.clock, defaultPrivacySettings(ZONE), 'maria');
    const before = store.db.prepare('SELECT SUM(count) FROM audience_hourly').pluck().get();
    expect(recordAudienceAggregate(store.db, store.clock, { cameraId: 'door', age: 30, gender: 'male' })).toBe(false);
    expect(store.db.prepare('SELECT SUM(count) FROM audience_hourly').pluck().get()).toBe(before);
  });

  it('keeps only hour, band and count: no exact age and nothing per person', () => {
    const columns = store.db.prepare("SELECT name FROM pragma_table_info('audience_hourly')").pluck().all();
    expect(columns).toEqual(['camera_id', 'hour', 'dimension', 'value', 'count']);
    const values = store.db
      .prepare("SELECT DISTINCT value FROM audience_hourly WHERE dimension = 'age_band'")
      .pluck()
      .all();
    expect(values).not.toContain('31');
  });
});

describe('the CSV export', () => {
  it('has one row per date, hour, camera and measure, plus the waiting-time summary', () => {
    const csv = reportCsv(store.db, { from: '2026-11-16', to: '2026-11-17' }, ZONE);
    const lines = csv.csv.trim().split('\r\n');
    expect(lines[0]).toBe('date,hour,camera,measure,category,value');
    expect(lines).toContain('2026-11-16,9,door,faces_seen,,5');
    expect(lines).toContain('2026-11-16,9,door,age_band,65+,1');
    expect(lines).toContain('2026-11-17,,all,returning_customers,,1');
    expect(lines).toContain('2026-11-16..2026-11-17,,all,arrival_to_collection_minutes,median,6');
    expect(csv.rows).toBe(lines.length - 1);
    expect(csv.filename).toBe('audience-2026-11-16-to-2026-11-17.csv');
  });

  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
  });
});

describe('durationStats', () => {
  it('gives median, 90th percentile and buckets', () => {
    const stats = durationStats([0.5, 1.5, 3, 4, 12, 25, 7, 8, 9, 6]);
    expect(stats).toMatchObject({ count: 10, medianMinutes: 6, p90Minutes: 12 });
    expect(stats.buckets.map((b) => b.count)).toEqual([1, 1, 2, 4, 1, 1]);
    expect(durationStats([])).toMatchObject({ count: 0, medianMinutes: null, p90Minutes: null });
  });
});
