/**
 * Pickup orders: creation, the open list for staff, a customer's latest open order, and status moves.
 * Status only moves forward (preparing -> ready -> collected; cancelled from an open status), and every
 * move writes an `order_events` row in the same transaction as the status change.
 */
import type { Order, OrderItem, OrderStatus } from '../../contract/dto.js';
import { CommandError, missingCaseError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { queueOrderStatus } from '../sync/hooks.js';
import type { ReadableDb, WritableDb } from './database.js';

/** Numbers shown to people start here, so the first order of a new store does not look like "#1". */
export const FIRST_ORDER_NUMBER = 1041;

export const OPEN_STATUSES: readonly OrderStatus[] = ['preparing', 'ready'];

/** The actor of changes the chain made (orders it sent, its cancellations). */
export const CHAIN_ACTOR = 'chain';

export interface NewOrder {
  readonly customerId: string;
  readonly items: readonly { productId: string; quantity: number }[];
  /** Who created it (a clerk, "import", "demo"). */
  readonly actor: string;
  /** Normally the next free number. */
  readonly number?: number;
}

interface OrderRow {
  id: number;
  number: number;
  customer_id: string;
  first_name: string;
  last_name: string;
  status: OrderStatus;
  created_at: string;
  updated_at: string;
}

const ORDER_SELECT = `
  SELECT o.id, o.number, o.customer_id, c.first_name, c.last_name, o.status, o.created_at, o.updated_at
  FROM orders o JOIN customers c ON c.id = o.customer_id`;

function itemsOf(db: ReadableDb, orderIds: readonly number[]): Map<number, OrderItem[]> {
  const rows = db
    .prepare<[string], { order_id: number; product_id: string; name: string; quantity: number }>(
      `SELECT i.order_id, i.product_id, p.name, i.quantity
       FROM order_items i JOIN products p ON p.id = i.product_id
       WHERE i.order_id IN (SELECT value FROM json_each(?))
       ORDER BY i.order_id, p.name COLLATE NOCASE`,
    )
    .all(JSON.stringify(orderIds));
  const byOrder = new Map<number, OrderItem[]>();
  for (const row of rows) {
    const list = byOrder.get(row.order_id) ?? [];
    list.push({ productId: row.product_id, name: row.name, quantity: row.quantity });
    byOrder.set(row.order_id, list);
  }
  return byOrder;
}

function toOrders(db: ReadableDb, rows: readonly OrderRow[]): Order[] {
  const items = itemsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    customerName: `${row.first_name} ${row.last_name}`,
    status: row.status,
    items: items.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export function getOrder(db: ReadableDb, orderId: number): Order | null {
  const row = db.prepare<[number], OrderRow>(`${ORDER_SELECT} WHERE o.id = ?`).get(orderId);
  return row === undefined ? null : (toOrders(db, [row])[0] ?? null);
}

/** Orders still to be handed over (preparing or ready), oldest number first: the staff window's list. */
export function listOpenOrders(db: ReadableDb): Order[] {
  const rows = db
    .prepare<[], OrderRow>(`${ORDER_SELECT} WHERE o.status IN ('preparing', 'ready') ORDER BY o.number`)
    .all();
  return toOrders(db, rows);
}

/** The customer's most recently created open order, or null. */
export function latestOpenOrder(db: ReadableDb, customerId: string): Order | null {
  const row = db
    .prepare<[string], OrderRow>(
      `${ORDER_SELECT} WHERE o.customer_id = ? AND o.status IN ('preparing', 'ready')
       ORDER BY o.created_at DESC, o.number DESC LIMIT 1`,
    )
    .get(customerId);
  return row === undefined ? null : (toOrders(db, [row])[0] ?? null);
}

export function createOrder(db: WritableDb, clock: Clock, order: NewOrder): Order {
  if (order.items.length === 0) throw new CommandError('invalid_payload', 'An order needs at least one item.');
  const at = isoAt(clock.now());
  const id = db.transaction(() => {
    const next: unknown = db.prepare('SELECT MAX(number) + 1 FROM orders').pluck().get();
    const number = order.number ?? (typeof next === 'number' ? Math.max(next, FIRST_ORDER_NUMBER) : FIRST_ORDER_NUMBER);
    const orderId = Number(
      db
        .prepare(
          "INSERT INTO orders (number, customer_id, status, created_at, updated_at) VALUES (?, ?, 'preparing', ?, ?)",
        )
        .run(number, order.customerId, at, at).lastInsertRowid,
    );
    const insertItem = db.prepare('INSERT INTO order_items (order_id, product_id, quantity) VALUES (?, ?, ?)');
    for (const item of order.items) insertItem.run(orderId, item.productId, item.quantity);
    db.prepare(
      "INSERT INTO order_events (order_id, from_status, to_status, actor, at) VALUES (?, NULL, 'preparing', ?, ?)",
    ).run(orderId, order.actor, at);
    return orderId;
  })();
  const created = getOrder(db, id);
  if (created === null) throw new Error(`Order ${id} vanished right after it was created.`);
  return created;
}

/** Why a move is not allowed, as a sentence for the clerk; null when it is allowed. */
function refusal(number: number, from: OrderStatus, to: OrderStatus): string | null {
  if (from === to) return `Order ${number} is already ${to}.`;
  switch (from) {
    case 'preparing':
      if (to === 'ready' || to === 'cancelled') return null;
      if (to === 'collected') return `Order ${number} is still being prepared; mark it ready first.`;
      return `Order ${number} cannot go back to ${to}.`;
    case 'ready':
      if (to === 'collected' || to === 'cancelled') return null;
      return `Order ${number} is already ready; it cannot go back to ${to}.`;
    case 'collected':
      return `Order ${number} was already collected; it cannot be changed any more.`;
    case 'cancelled':
      return `Order ${number} was cancelled; it cannot be changed any more.`;
    default:
      throw missingCaseError(from);
  }
}

function move(db: WritableDb, clock: Clock, orderId: number, to: OrderStatus, actor: string): Order {
  const at = isoAt(clock.now());
  db.transaction(() => {
    const current = db
      .prepare<[number], { number: number; status: OrderStatus }>('SELECT number, status FROM orders WHERE id = ?')
      .get(orderId);
    if (current === undefined) throw new CommandError('not_found', `There is no order with id ${orderId}.`);
    const reason = refusal(current.number, current.status, to);
    if (reason !== null) throw new CommandError('conflict', reason);
    db.prepare('UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?').run(
      to,
      at,
      orderId,
      current.status,
    );
    db.prepare('INSERT INTO order_events (order_id, from_status, to_status, actor, at) VALUES (?, ?, ?, ?, ?)').run(
      orderId,
      current.status,
      to,
      actor,
      at,
    );
    // The chain hears about the move in the same transaction; moves the chain itself asked for are not echoed.
    if (actor !== CHAIN_ACTOR) {
      queueOrderStatus(db, { orderId, number: current.number, from: current.status, to, clerk: actor, at });
    }
  })();
  const order = getOrder(db, orderId);
  if (order === null) throw new Error(`Order ${orderId} vanished during a status change.`);
  return order;
}

/**
 * Moves an order one step forward: preparing -> ready, or ready -> collected. Anything else (going back,
 * skipping ready, touching a cancelled or collected order, repeating a move) is a `conflict` with a sentence.
 */
export function advanceOrder(
  db: WritableDb,
  clock: Clock,
  orderId: number,
  to: 'ready' | 'collected',
  actor: string,
): Order {
  return move(db, clock, orderId, to, actor);
}

export function cancelOrder(db: WritableDb, clock: Clock, orderId: number, actor: string): Order {
  return move(db, clock, orderId, 'cancelled', actor);
}

export interface OrderEvent {
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly actor: string;
  readonly at: string;
}

export function orderEvents(db: ReadableDb, orderId: number): OrderEvent[] {
  return db
    .prepare<[number], { from_status: OrderStatus | null; to_status: OrderStatus; actor: string; at: string }>(
      'SELECT from_status, to_status, actor, at FROM order_events WHERE order_id = ? ORDER BY id',
    )
    .all(orderId)
    .map((row) => ({ from: row.from_status, to: row.to_status, actor: row.actor, at: row.at }));
}
