/**
 * Hourly audience aggregates for the chain: once an hour is over, its faces-seen counts per camera are queued as
 * one `footfall` message. Counts only; hours with no face are not sent (the chain reads a missing hour as 0).
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { WritableDb } from '../store/database.js';
import { hourKey } from '../store/footfall.js';
import { enqueue } from './outbox.js';
import { getSyncString, setSyncState } from './sync-state.js';
import { syncEnabled } from './sync-settings.js';

const QUEUED_THROUGH = 'footfall.queuedThrough';
/** When sync is switched on, this much history is sent. */
const FIRST_BACKFILL_MS = 7 * 24 * 3600 * 1000;

/** Queues every finished hour not queued yet; returns how many hours were queued. */
export function queueFinishedHours(db: WritableDb, clock: Clock): number {
  if (!syncEnabled(db)) return 0;
  const now = clock.now();
  const current = hourKey(now);
  return db.transaction(() => {
    const after = getSyncString(db, QUEUED_THROUGH) ?? hourKey(now - FIRST_BACKFILL_MS);
    const rows = db
      .prepare<
        [string, string],
        { hour: string; camera_id: string; faces_seen: number }
      >(`SELECT hour, camera_id, faces_seen FROM footfall_hourly WHERE hour > ? AND hour < ? ORDER BY hour, camera_id`)
      .all(after, current);
    const byHour = new Map<string, { cameraId: string; facesSeen: number }[]>();
    for (const row of rows) {
      const list = byHour.get(row.hour) ?? [];
      list.push({ cameraId: row.camera_id, facesSeen: row.faces_seen });
      byHour.set(row.hour, list);
    }
    for (const [hour, cameras] of byHour) enqueue(db, { kind: 'footfall', at: isoAt(now), body: { hour, cameras } });
    setSyncState(db, QUEUED_THROUGH, hourKey(now - 3600 * 1000));
    return byHour.size;
  })();
}
