/**
 * The few lines other modules call inside their own transactions to tell the chain about a local change. Each
 * builds an up message and passes it to `enqueue`, so the change and its outbox row commit together.
 */
import type { ConsentRecord, OrderStatus } from '../../contract/dto.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import type { Visit } from '../store/visits.js';
import { dropMessagesAbout, enqueue } from './outbox.js';

/** The chain's id of a local order, when the order came from the chain. */
export function chainOrderId(db: ReadableDb, orderId: number): string | null {
  const value: unknown = db.prepare('SELECT chain_order_id FROM sync_orders WHERE order_id = ?').pluck().get(orderId);
  return typeof value === 'string' ? value : null;
}

function orderNumber(db: ReadableDb, orderId: number): number | null {
  const value: unknown = db.prepare('SELECT number FROM orders WHERE id = ?').pluck().get(orderId);
  return typeof value === 'number' ? value : null;
}

/** A recognised customer arrived (called in the visit's transaction). */
export function queueVisit(db: WritableDb, visit: Visit): void {
  enqueue(db, {
    kind: 'visit',
    at: visit.arrivedAt,
    subject: visit.customerId,
    body: {
      visitId: visit.id,
      customerId: visit.customerId,
      cameraId: visit.cameraId,
      arrivedAt: visit.arrivedAt,
      score: Number(visit.score.toFixed(4)),
      orderId: visit.orderId === null ? null : chainOrderId(db, visit.orderId),
      orderNumber: visit.orderId === null ? null : orderNumber(db, visit.orderId),
    },
  });
}

/** A clerk moved an order (called in the status change's transaction). */
export function queueOrderStatus(
  db: WritableDb,
  change: { orderId: number; number: number; from: OrderStatus; to: OrderStatus; clerk: string; at: string },
): void {
  enqueue(db, {
    kind: 'order-status',
    at: change.at,
    body: {
      orderId: chainOrderId(db, change.orderId),
      number: change.number,
      from: change.from,
      to: change.to,
      clerk: change.clerk,
      at: change.at,
    },
  });
}

/**
 * A customer enrolled here (called in the enrolment's transaction). The consent goes up; the templates stay in
 * the store, since the customer consented to recognition in this store only.
 */
export function queueEnrolment(
  db: WritableDb,
  enrolment: { customerId: string; consent: ConsentRecord; modelId: string; templateCount: number },
): void {
  enqueue(db, {
    kind: 'enrolment',
    at: enrolment.consent.agreedAt,
    subject: enrolment.customerId,
    body: {
      customerId: enrolment.customerId,
      consent: { ...enrolment.consent, chainWide: false },
      modelId: enrolment.modelId,
      templateCount: enrolment.templateCount,
      templates: [],
    },
  });
}

/**
 * A customer's face data was erased (called in the erasure's transaction, whoever asked for it): remember the
 * erasure so an older enrolment arriving later is ignored, drop every outbox row about them, and tell the chain.
 * This up message is also how an erasure reaches the chain's other systems.
 */
export function recordErasure(
  db: WritableDb,
  erasure: {
    customerId: string;
    erasedAt: string;
    actor: string;
    removed: { templates: number; thumbnails: number; visits: number; consents: number };
  },
): void {
  db.prepare(
    `INSERT INTO sync_erasures (customer_id, erased_at) VALUES (?, ?)
     ON CONFLICT (customer_id) DO UPDATE SET erased_at = MAX(erased_at, excluded.erased_at)`,
  ).run(erasure.customerId, erasure.erasedAt);
  dropMessagesAbout(db, erasure.customerId);
  enqueue(db, { kind: 'erasure', at: erasure.erasedAt, body: { ...erasure, removed: { ...erasure.removed } } });
}
