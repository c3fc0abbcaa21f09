/**
 * Pickup alerts for the staff window, derived from visits: a recognised customer with an open order stays on
 * the board until the order is collected (or a clerk dismisses the alert); one without an order shows briefly
 * so a clerk can greet them. Derived, not stored twice, so a restart shows exactly what was open.
 * A match a clerk rejected ("not her") is never shown; one waiting for confirmation is, with the question.
 */
import type { PickupAlert } from '../../contract/dto.js';
import { CommandError } from '../../contract/result.js';
import { isoAt, type Clock } from '../clock.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { getOrder } from '../store/orders.js';
import { thumbnailDataUrl } from '../store/thumbnails.js';

/** Alerts older than this are not shown however their order stands (the board is about today). */
const BOARD_WINDOW_MS = 12 * 60 * 60 * 1000;
/** A visit without an open order is shown this long. */
const NO_ORDER_ALERT_MS = 10 * 60 * 1000;

interface AlertRow {
  visit_id: number;
  customer_id: string;
  first_name: string;
  last_name: string;
  arrived_at: string;
  camera_id: string;
  order_id: number | null;
  /** The query leaves rejected matches out. */
  match_status: 'auto' | 'pending' | 'confirmed';
  reviewed_by: string | null;
}

export function listAlerts(db: ReadableDb, clock: Clock): PickupAlert[] {
  const now = clock.now();
  const rows = db
    .prepare(
      `SELECT v.id AS visit_id, v.customer_id, c.first_name, c.last_name, v.arrived_at, v.camera_id, v.order_id,
              v.match_status, v.reviewed_by
         FROM visits v
         JOIN customers c ON c.id = v.customer_id
         LEFT JOIN orders o ON o.id = v.order_id
        WHERE v.alert_dismissed_at IS NULL
          AND v.match_status <> 'rejected'
          AND v.arrived_at >= ?
          AND ((o.id IS NOT NULL AND o.status IN ('preparing', 'ready'))
               OR (v.order_id IS NULL AND v.arrived_at >= ?))
        ORDER BY v.arrived_at ASC`,
    )
    .all(isoAt(now - BOARD_WINDOW_MS), isoAt(now - NO_ORDER_ALERT_MS)) as AlertRow[];
  return rows.map((row) => ({
    visitId: row.visit_id,
    customerId: row.customer_id,
    firstName: row.first_name,
    lastName: row.last_name,
    thumbnail: thumbnailDataUrl(db, row.customer_id),
    order: row.order_id === null ? null : getOrder(db, row.order_id),
    arrivedAt: row.arrived_at,
    cameraId: row.camera_id,
    match: row.match_status,
    reviewedBy: row.reviewed_by,
  }));
}

/** Dismisses a ticket; `clerk` is recorded when given. */
export function dismissAlert(db: WritableDb, clock: Clock, visitId: number, clerk: string | null = null): void {
  const result = db
    .prepare('UPDATE visits SET alert_dismissed_at = ?, dismissed_by = ? WHERE id = ? AND alert_dismissed_at IS NULL')
    .run(isoAt(clock.now()), clerk, visitId);
  if (result.changes === 0) throw new CommandError('not_found', `There is no open alert for visit ${visitId}.`);
}
