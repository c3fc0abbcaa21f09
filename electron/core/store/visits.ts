/**
 * Visits: a recognised customer with a current consent arrived at a camera. Strangers never get a
 * visit; they are only counted in `footfall_hourly`.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface NewVisit {
  readonly customerId: string;
  readonly cameraId: string;
  /** Match similarity that led to the recognition. */
  readonly score: number;
  /** The open order the customer had when they arrived, if any. */
  readonly orderId: number | null;
}

export interface Visit extends NewVisit {
  readonly id: number;
  readonly arrivedAt: string;
}

export function recordVisit(db: WritableDb, clock: Clock, visit: NewVisit): Visit {
  const arrivedAt = isoAt(clock.now());
  const result = db
    .prepare('INSERT INTO visits (customer_id, camera_id, arrived_at, score, order_id) VALUES (?, ?, ?, ?, ?)')
    .run(visit.customerId, visit.cameraId, arrivedAt, visit.score, visit.orderId);
  return { ...visit, id: Number(result.lastInsertRowid), arrivedAt };
}

interface VisitRow {
  id: number;
  customer_id: string;
  camera_id: string;
  arrived_at: string;
  score: number;
  order_id: number | null;
}

function toVisit(row: VisitRow): Visit {
  return {
    id: row.id,
    customerId: row.customer_id,
    cameraId: row.camera_id,
    arrivedAt: row.arrived_at,
    score: row.score,
    orderId: row.order_id,
  };
}

export function getVisit(db: ReadableDb, id: number): Visit | null {
  const row = db
    .prepare<
      [number],
      VisitRow
    >('SELECT id, customer_id, camera_id, arrived_at, score, order_id FROM visits WHERE id = ?')
    .get(id);
  return row === undefined ? null : toVisit(row);
}

/** The customer's most recent visit, or null (used to avoid greeting the same person twice in a row). */
export function lastVisit(db: ReadableDb, customerId: string): Visit | null {
  const row = db
    .prepare<
      [string],
      VisitRow
    >('SELECT id, customer_id, camera_id, arrived_at, score, order_id FROM visits WHERE customer_id = ? ORDER BY arrived_at DESC, id DESC LIMIT 1')
    .get(customerId);
  return row === undefined ? null : toVisit(row);
}
