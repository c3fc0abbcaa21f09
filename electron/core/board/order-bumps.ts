/**
 * Bump and recall, the two moves of a kitchen display: a bump advances an order one step (preparing -> ready ->
 * collected), a recall undoes the last bump (one step back). Every move is an `order_events` row with the clerk's
 * name. A recall is recorded first, as a 'recall' event, and only that lets migration 4's trigger allow the
 * backward UPDATE, so no other path can move an order back.
 *
 * Concurrent clerks: each request says what it expects (bump: the status it moves to; recall: the status it saw),
 * so the second of two racing clicks is refused with who did what, instead of moving the order twice.
 */
import type { Order, OrderStatus } from '../../contract/dto.js';
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { advanceOrder, getOrder } from '../store/orders.js';
import { queueOrderStatus } from '../sync/hooks.js';
import { agoPhrase } from './ago.js';

interface LastEvent {
  readonly number: number;
  readonly status: OrderStatus;
  readonly kind: 'move' | 'recall';
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly actor: string;
  readonly at: string;
}

function lastEvent(db: ReadableDb, orderId: number): LastEvent | null {
  const row = db
    .prepare<
      [number],
      {
        number: number;
        status: OrderStatus;
        kind: 'move' | 'recall';
        from_status: OrderStatus | null;
        to_status: OrderStatus;
        actor: string;
        at: string;
      }
    >(
      `SELECT o.number, o.status, e.kind, e.from_status, e.to_status, e.actor, e.at
         FROM orders o JOIN order_events e ON e.order_id = o.id
        WHERE o.id = ? ORDER BY e.id DESC LIMIT 1`,
    )
    .get(orderId);
  return row === undefined
    ? null
    : {
        number: row.number,
        status: row.status,
        kind: row.kind,
        from: row.from_status,
        to: row.to_status,
        actor: row.actor,
        at: row.at,
      };
}

/** "Sam marked it ready 4 s ago" / "Ann recalled it 10 s ago". */
function whoDidIt(event: LastEvent, nowMs: number): string {
  const ago = agoPhrase(event.at, nowMs);
  if (event.kind === 'recall') return `${event.actor} recalled it ${ago}`;
  if (event.from === null) return `${event.actor} placed it ${ago}`;
  return `${event.actor} marked it ${event.to} ${ago}`;
}

/** Why the order is not where the clerk expected it, with who moved it. */
function explain(db: ReadableDb, clock: Clock, orderId: number, expected: OrderStatus, tail: string): string | null {
  const event = lastEvent(db, orderId);
  if (event === null) return null;
  const state = event.status === expected ? `is already ${event.status}` : `is now ${event.status}`;
  return `Order ${event.number} ${state}: ${whoDidIt(event, clock.now())}.${tail}`;
}

export function bumpOrder(
  db: WritableDb,
  clock: Clock,
  orderId: number,
  to: 'ready' | 'collected',
  clerk: string,
): Order {
  try {
    return advanceOrder(db, clock, orderId, to, clerk);
  } catch (error) {
    if (!(error instanceof CommandError) || error.code !== 'conflict') throw error;
    // Only a move by a clerk needs explaining; a fresh order keeps the plain sentence ("mark it ready first").
    const event = lastEvent(db, orderId);
    if (event === null || (event.kind === 'move' && event.from === null)) throw error;
    throw new CommandError('conflict', explain(db, clock, orderId, to, '') ?? error.message);
  }
}

const ONE_STEP_BACK = { ready: 'preparing', collected: 'ready' } as const;

export function recallOrder(
  db: WritableDb,
  clock: Clock,
  orderId: number,
  from: 'ready' | 'collected',
  clerk: string,
): Order {
  const at = isoAt(clock.now());
  db.transaction(() => {
    const current = db
      .prepare<[number], { number: number; status: OrderStatus }>('SELECT number, status FROM orders WHERE id = ?')
      .get(orderId);
    if (current === undefined) throw new CommandError('not_found', `There is no order with id ${orderId}.`);
    if (current.status !== from) {
      const why = explain(db, clock, orderId, from, ' Nothing was recalled.');
      throw new CommandError('conflict', why ?? `Order ${current.number} is ${current.status}; nothing was recalled.`);
    }
    const to = ONE_STEP_BACK[from];
    // The event goes first: it is what the trigger checks before it lets the status move back.
    db.prepare(
      "INSERT INTO order_events (order_id, from_status, to_status, actor, at, kind) VALUES (?, ?, ?, ?, ?, 'recall')",
    ).run(orderId, from, to, clerk, at);
    db.prepare('UPDATE orders SET status = ?, updated_at = ? WHERE id = ?').run(to, at, orderId);
    // The chain hears about a recall like any other move, in the same transaction.
    queueOrderStatus(db, { orderId, number: current.number, from, to, clerk, at });
  })();
  const order = getOrder(db, orderId);
  if (order === null) throw new Error(`Order ${orderId} vanished during a recall.`);
  return order;
}
