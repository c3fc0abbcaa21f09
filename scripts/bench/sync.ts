/**
 * Bench section `sync`: a busy store's offline day (5,000 visits on a fixed clock; 1,000 with --quick) drains to
 * a real Mosquitto once it is back. Reports the drain time, events per second and the database bytes a day of
 * events costs, for our publisher (up to 100 messages in flight) beside stop-and-wait (one at a time), the
 * simple alternative.
 */
import { statSync } from 'node:fs';
import { startMosquitto } from '../../e2e/support/mosquitto.js';
import { fixedClock } from '../../electron/core/clock.js';
import { outboxStats } from '../../electron/core/sync/outbox.js';
import { openSyncTestStore, recordVisits, waitFor } from '../../electron/core/sync/testing.js';
import { connectHq, watchStore } from '../hq/hq-client.js';
import { round, type BenchSection } from './section.js';

interface Drain {
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly bytesPerDay: number;
  readonly duplicates: number;
}

async function drainOnce(brokerUrl: string, storeId: string, visits: number, publishWindow: number): Promise<Drain> {
  const clock = fixedClock('2026-11-20T06:00:00.000Z');
  const store = await openSyncTestStore({ brokerUrl, storeId, clock, sync: { publishWindow } });
  const hq = await connectHq({ broker: brokerUrl });
  try {
    const seen = await watchStore(hq, storeId);
    const size = () => {
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      return statSync(store.file).size;
    };
    const before = size();
    recordVisits(store, visits, (24 * 3600 * 1000) / visits);
    const grown = size() - before;
    const started = performance.now();
    await store.service.start();
    await waitFor(() => outboxStats(store.db).waiting === 0 && seen.unique === visits, 300_000, 'the drain');
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      eventsPerSecond: visits / seconds,
      bytesPerDay: (grown * 5000) / visits,
      duplicates: seen.duplicates,
    };
  } finally {
    await hq.endAsync(true);
    await store.close();
  }
}

export const syncSection: BenchSection = {
  name: 'sync',
  description: 'Drains an offline day of visits to a real Mosquitto (ours: 100 in flight; stop-and-wait: 1)',
  async run(context) {
    const visits = context.quick ? 1000 : 5000;
    const broker = await startMosquitto();
    try {
      context.progress(`draining ${visits} visits with 100 messages in flight…`);
      const ours = await drainOnce(broker.url, 'bench-window', visits, 100);
      context.progress(`draining ${visits} visits one at a time…`);
      const single = await drainOnce(broker.url, 'bench-single', visits, 1);
      const row = (label: string, d: Drain) => ({
        label,
        values: {
          events: visits,
          drain_s: round(d.seconds, 2),
          events_per_s: Math.round(d.eventsPerSecond),
          db_kib_per_day_5000: Math.round(d.bytesPerDay / 1024),
          redeliveries: d.duplicates,
        },
      });
      return {
        json: {
          sync: {
            events: visits,
            window_100: { drain_s: round(ours.seconds, 3), events_per_s: Math.round(ours.eventsPerSecond) },
            window_1: { drain_s: round(single.seconds, 3), events_per_s: Math.round(single.eventsPerSecond) },
            db_bytes_per_day_5000_visits: Math.round(ours.bytesPerDay),
          },
        },
        rows: [row('ours (100 in flight)', ours), row('stop-and-wait (1 in flight)', single)],
      };
    } finally {
      await broker.dispose();
    }
  },
};
