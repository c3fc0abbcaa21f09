/**
 * Today's tickets for the board's history: every visit since the store's local midnight (confirmed, rejected,
 * dismissed or still open) and every order a clerk touched today, merged so a visit and its order are one
 * ticket, each with what happened to it and who did it. Read-only, derived from visits and order_events.
 */
import type { BoardAction, HistoryTicket, Order } from '../../contract/dto.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb } from '../store/database.js';
import { getOrder } from '../store/orders.js';
import { startOfLocalDay } from './local-time.js';
import type { MatchStatus } from './match-review.js';

/** Enough for a busy day at one counter; the oldest drop off first. */
export const HISTORY_LIMIT = 200;

interface VisitRow {
  id: number;
  first_name: string;
  last_name: string;
  arrived_at: string;
  order_id: number | null;
  match_status: MatchStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
  alert_dismissed_at: string | null;
  dismissed_by: string | null;
}

interface EventRow {
  order_id: number;
  from_status: string | null;
  to_status: 'preparing' | 'ready' | 'collected' | 'cancelled';
  kind: 'move' | 'recall';
  actor: string;
  at: string;
}

function orderAction(event: EventRow): BoardAction {
  if (event.kind === 'recall') return { action: 'recalled', actor: event.actor, at: event.at };
  if (event.from_status === null) return { action: 'placed', actor: event.actor, at: event.at };
  const action = event.to_status === 'preparing' ? 'placed' : event.to_status;
  return { action, actor: event.actor, at: event.at };
}

function visitActions(visit: VisitRow): BoardAction[] {
  const actions: BoardAction[] = [{ action: 'arrived', actor: 'camera', at: visit.arrived_at }];
  if (visit.reviewed_at !== null && (visit.match_status === 'confirmed' || visit.match_status === 'rejected')) {
    actions.push({ action: visit.match_status, actor: visit.reviewed_by ?? 'staff', at: visit.reviewed_at });
  }
  if (visit.alert_dismissed_at !== null) {
    actions.push({ action: 'dismissed', actor: visit.dismissed_by ?? 'staff', at: visit.alert_dismissed_at });
  }
  return actions;
}

export function todaysTickets(db: ReadableDb, clock: Clock, timeZone: string): HistoryTicket[] {
  const since = isoAt(startOfLocalDay(clock.now(), timeZone));
  const visits = db
    .prepare<[string], VisitRow>(
      `SELECT v.id, c.first_name, c.last_name, v.arrived_at, v.order_id, v.match_status, v.reviewed_by,
              v.reviewed_at, v.alert_dismissed_at, v.dismissed_by
         FROM visits v JOIN customers c ON c.id = v.customer_id
        WHERE v.arrived_at >= ? ORDER BY v.arrived_at DESC, v.id DESC LIMIT ${HISTORY_LIMIT}`,
    )
    .all(since);
  const touched = db
    .prepare<
      [string],
      number
    >(`SELECT DISTINCT order_id FROM order_events WHERE at >= ? AND (from_status IS NOT NULL OR kind = 'recall')`)
    .pluck()
    .all(since);
  const orderIds = [...new Set([...touched, ...visits.flatMap((v) => (v.order_id === null ? [] : [v.order_id]))])];
  const events = db
    .prepare<[string], EventRow>(
      `SELECT order_id, from_status, to_status, kind, actor, at FROM order_events
        WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(JSON.stringify(orderIds));
  const orders = new Map<number, Order>();
  for (const id of orderIds) {
    const order = getOrder(db, id);
    if (order !== null) orders.set(id, order);
  }

  const tickets = new Map<string, HistoryTicket>();
  const ticketFor = (order: Order | null, visit: VisitRow | null): HistoryTicket => {
    const orderActions = order === null ? [] : events.filter((e) => e.order_id === order.id).map(orderAction);
    const actions = [...orderActions, ...(visit === null ? [] : visitActions(visit))].sort((a, b) =>
      a.at.localeCompare(b.at),
    );
    return {
      key: order !== null ? `order:${order.id}` : `visit:${visit?.id ?? 0}`,
      visitId: visit?.id ?? null,
      customerName: visit !== null ? `${visit.first_name} ${visit.last_name}` : (order?.customerName ?? ''),
      arrivedAt: visit?.arrived_at ?? null,
      match: visit?.match_status ?? null,
      order,
      actions,
      recallable: order !== null && (order.status === 'ready' || order.status === 'collected'),
      lastAt: actions.at(-1)?.at ?? visit?.arrived_at ?? order?.updatedAt ?? since,
    };
  };
  // Newest visit first, so an order visited twice today keeps its latest visit.
  for (const visit of visits) {
    const order = visit.order_id === null ? null : (orders.get(visit.order_id) ?? null);
    const ticket = ticketFor(order, visit);
    if (!tickets.has(ticket.key)) tickets.set(ticket.key, ticket);
  }
  for (const order of orders.values()) {
    const key = `order:${order.id}`;
    if (!tickets.has(key)) tickets.set(key, ticketFor(order, null));
  }
  return [...tickets.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt)).slice(0, HISTORY_LIMIT);
}
