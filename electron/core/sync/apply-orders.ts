/**
 * Rules for orders from the chain (docs/sync.md, "Conflict rules"):
 * - an order is created once, keyed by the chain's order id; a repeat only moves its status forward;
 * - status only moves forward (preparing -> ready -> collected): an older status arriving late is ignored;
 * - the chain's cancellation wins over preparing and ready, even when it arrives before the order; an order
 *   already collected stays collected (the customer has the goods);
 * - an order number already used by a different order here cannot be shown twice: quarantined.
 */
import type { OrderStatus } from '../../contract/dto.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { WritableDb } from '../store/database.js';
import { advanceOrder, cancelOrder, CHAIN_ACTOR, createOrder } from '../store/orders.js';
import { applied, ignored, SyncRejection, type ApplyResult, type SyncEffects } from './apply-result.js';
import { ensureProduct, upsertCustomer } from './chain-records.js';
import type { OrderBody, OrderCancelBody } from './messages.js';

const RANK: Record<OrderStatus, number> = { preparing: 0, ready: 1, collected: 2, cancelled: 3 };

interface Known {
  order_id: number | null;
  cancelled_at: string | null;
  status: OrderStatus | null;
}

function known(db: WritableDb, chainOrderId: string): Known | undefined {
  return db
    .prepare<[string], Known>(
      `SELECT s.order_id, s.cancelled_at, o.status FROM sync_orders s LEFT JOIN orders o ON o.id = s.order_id
       WHERE s.chain_order_id = ?`,
    )
    .get(chainOrderId);
}

export function applyOrder(db: WritableDb, clock: Clock, body: OrderBody, effects: SyncEffects): ApplyResult {
  const existing = known(db, body.orderId);
  if (existing?.cancelled_at != null && existing.order_id === null) {
    return ignored(`order ${body.orderId} was cancelled by the chain before it arrived`);
  }
  if (existing?.order_id != null && existing.status !== null) {
    const from = existing.status;
    if (from === 'collected' || from === 'cancelled') return ignored(`order ${body.orderId} is already ${from}`);
    if (RANK[body.status] <= RANK[from])
      return ignored(`order ${body.orderId} is already ${from} (status only moves forward)`);
    advanceOrder(db, clock, existing.order_id, 'ready', CHAIN_ACTOR);
    effects.ordersChanged = true;
    return applied;
  }
  const clash: unknown = db.prepare('SELECT id FROM orders WHERE number = ?').pluck().get(body.number);
  if (clash !== undefined) {
    throw new SyncRejection(
      `Order number ${body.number} is already used by another order in this store; the chain must send a different number.`,
    );
  }
  upsertCustomer(db, clock, body.customer);
  for (const item of body.items) ensureProduct(db, { id: item.productId, name: item.name });
  // Two lines for one product would break the order's (order, product) key: they are one line of the sum.
  const quantities = new Map<string, number>();
  for (const item of body.items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  const order = createOrder(db, clock, {
    customerId: body.customer.id,
    number: body.number,
    actor: CHAIN_ACTOR,
    items: [...quantities].map(([productId, quantity]) => ({ productId, quantity })),
  });
  db.prepare('INSERT INTO sync_orders (chain_order_id, order_id) VALUES (?, ?)').run(body.orderId, order.id);
  if (body.status === 'ready') advanceOrder(db, clock, order.id, 'ready', CHAIN_ACTOR);
  effects.ordersChanged = true;
  return applied;
}

export function applyOrderCancel(
  db: WritableDb,
  clock: Clock,
  body: OrderCancelBody,
  effects: SyncEffects,
): ApplyResult {
  const existing = known(db, body.orderId);
  if (existing === undefined) {
    // Remembered, so the order is never shown if it arrives after its cancellation.
    db.prepare('INSERT INTO sync_orders (chain_order_id, order_id, cancelled_at) VALUES (?, NULL, ?)').run(
      body.orderId,
      body.cancelledAt,
    );
    return applied;
  }
  if (existing.cancelled_at !== null) return ignored(`order ${body.orderId} was already cancelled`);
  if (existing.status === 'collected') {
    return ignored(`order ${body.orderId} was already collected; the cancellation cannot take the goods back`);
  }
  db.prepare('UPDATE sync_orders SET cancelled_at = ? WHERE chain_order_id = ?').run(
    isoAt(Date.parse(body.cancelledAt)),
    body.orderId,
  );
  if (existing.order_id !== null && existing.status !== 'cancelled') {
    cancelOrder(db, clock, existing.order_id, CHAIN_ACTOR);
    effects.ordersChanged = true;
  }
  return applied;
}
