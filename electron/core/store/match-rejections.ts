/**
 * Stored "not this person" answers (match_rejections, migration 9): recording one for a visit, and counting them
 * per customer for the matcher (recognition/rejection-memory.ts). Ids and scores only.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface NewMatchRejection {
  readonly visitId: number;
  readonly customerId: string;
  readonly cameraId: string;
  /** The similarity that led to the recognition (the visit's score). */
  readonly score: number;
  readonly clerk: string;
}

/** Stores the rejection of a visit's recognition; a visit is rejected at most once (returns false the second time). */
export function recordMatchRejection(db: WritableDb, clock: Clock, rejection: NewMatchRejection): boolean {
  const result = db
    .prepare(
      `INSERT INTO match_rejections (visit_id, customer_id, camera_id, rejected_at, score, clerk)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id) DO NOTHING`,
    )
    .run(
      rejection.visitId,
      rejection.customerId,
      rejection.cameraId,
      isoAt(clock.now()),
      rejection.score,
      rejection.clerk,
    );
  return result.changes === 1;
}

/** Rejections per customer (only customers with at least one). */
export function rejectionCounts(db: ReadableDb): { customerId: string; count: number }[] {
  return db
    .prepare<[], { customer_id: string; count: number }>(
      'SELECT customer_id, COUNT(*) AS count FROM match_rejections GROUP BY customer_id',
    )
    .all()
    .map((row) => ({ customerId: row.customer_id, count: row.count }));
}
