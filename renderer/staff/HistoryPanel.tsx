/**
 * Today's tickets, newest first: what happened to each and who did it, with "Recall" to undo the last bump
 * (a collected order comes back to the board; a ready one goes back to preparing).
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { BoardAction, HistoryTicket } from '../../electron/contract/dto.js';
import { missingCaseError } from '../../electron/contract/result.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import { StatusBadge } from './StatusBadge.js';
import { orderKey, type StaffState } from './store.js';

function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function actionText(action: BoardAction): string {
  switch (action.action) {
    case 'arrived':
      return 'arrived';
    case 'confirmed':
      return `confirmed by ${action.actor}`;
    case 'rejected':
      return `“not them” — ${action.actor}`;
    case 'dismissed':
      return `dismissed by ${action.actor}`;
    case 'placed':
      return 'order placed';
    case 'ready':
      return `ready — ${action.actor}`;
    case 'collected':
      return `collected — ${action.actor}`;
    case 'cancelled':
      return `cancelled — ${action.actor}`;
    case 'recalled':
      return `recalled by ${action.actor}`;
    default:
      throw missingCaseError(action.action);
  }
}

function HistoryRow({ ticket, store }: { readonly ticket: HistoryTicket; readonly store: StoreApi<StaffState> }) {
  const { order } = ticket;
  const key = order === null ? '' : orderKey(order.id);
  const busy = useStore(store, (s) => s.busy[key] === true);
  const error = useStore(store, (s) => s.errors[key] ?? null);
  const recall = useStore(store, (s) => s.recall);
  const from = order?.status === 'ready' || order?.status === 'collected' ? order.status : null;
  return (
    <li className="history-ticket" data-testid="history-ticket" data-order-number={order?.number ?? ''}>
      <div className="history-main">
        <span className="history-name">{ticket.customerName}</span>
        {order !== null ? <span className="order-number">Order {order.number}</span> : null}
        {order !== null ? <StatusBadge status={order.status} /> : null}
        {ticket.match === 'rejected' ? <span className="badge danger">not them</span> : null}
      </div>
      <ol className="history-actions muted">
        {ticket.actions.map((action, index) => (
          <li key={index}>
            {clockTime(action.at)} {actionText(action)}
          </li>
        ))}
      </ol>
      {ticket.recallable && order !== null && from !== null ? (
        <button
          type="button"
          className="secondary"
          data-testid="history-recall"
          disabled={busy}
          onClick={() => void recall(order.id, from)}
        >
          Recall
        </button>
      ) : null}
      <InlineError message={error} />
    </li>
  );
}

export function HistoryPanel({ store }: { readonly store: StoreApi<StaffState> }) {
  const history = useStore(store, (s) => s.history);
  const error = useStore(store, (s) => s.errors.history ?? null);
  return (
    <section className="history card" aria-label="Today's tickets" data-testid="history">
      <InlineError message={error} />
      {history === null ? (
        <p className="muted">Loading today’s tickets…</p>
      ) : history.length === 0 ? (
        <p className="muted">No tickets yet today.</p>
      ) : (
        <ul className="history-list">
          {history.map((ticket) => (
            <HistoryRow key={ticket.key} ticket={ticket} store={store} />
          ))}
        </ul>
      )}
    </section>
  );
}
