/**
 * One customer at the counter as a ticket: who (with their photo if they agreed to one), how long they have been
 * waiting — the ticket turns amber, then red, as kitchen displays do — and their pickup order with its buttons.
 * A match waiting for confirmation asks "Is this Anna K.?" first.
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { BoardConfig, PickupAlert } from '../../electron/contract/dto.js';
import { ticketAge } from '../../electron/contract/ticket-aging.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import { firstNameAndInitial, formatAgo } from '../shared/format.js';
import { AdvanceButtons } from './AdvanceButtons.js';
import { OrderItems } from './OrderItems.js';
import { StatusBadge } from './StatusBadge.js';
import { visitKey, type StaffState } from './store.js';

interface Props {
  readonly alert: PickupAlert;
  readonly store: StoreApi<StaffState>;
  readonly now: number;
  readonly config: BoardConfig;
}

function ConfirmMatch({ alert, store }: { readonly alert: PickupAlert; readonly store: StoreApi<StaffState> }) {
  const busy = useStore(store, (s) => s.busy[visitKey(alert.visitId)] === true);
  const confirm = useStore(store, (s) => s.confirm);
  return (
    <div className="confirm-match" data-testid="confirm-match">
      <p className="confirm-question">Is this {firstNameAndInitial(alert.firstName, alert.lastName)}?</p>
      <p className="muted confirm-hint">Their greeting stays off the customer screen until you say yes.</p>
      <div className="buttons">
        <button
          type="button"
          data-testid="confirm-yes"
          disabled={busy}
          onClick={() => void confirm(alert.visitId, true)}
        >
          Yes, it is
        </button>
        <button
          type="button"
          className="danger"
          data-testid="confirm-no"
          disabled={busy}
          onClick={() => void confirm(alert.visitId, false)}
        >
          Not {alert.firstName}
        </button>
      </div>
    </div>
  );
}

export function AlertTicket({ alert, store, now, config }: Props) {
  const key = visitKey(alert.visitId);
  const dismissing = useStore(store, (s) => s.busy[key] === true);
  const error = useStore(store, (s) => s.errors[key] ?? null);
  const dismiss = useStore(store, (s) => s.dismiss);
  const { order } = alert;
  const fullName = `${alert.firstName} ${alert.lastName}`.trim();
  const age = ticketAge(alert.arrivedAt, now, config);
  return (
    <article
      className={`ticket card age-${age}`}
      data-testid="alert-ticket"
      data-order-number={order?.number ?? ''}
      data-visit-id={alert.visitId}
      data-age={age}
      data-match={alert.match}
    >
      <div className="ticket-head">
        {alert.thumbnail !== null ? (
          <img className="thumb" src={alert.thumbnail} alt={`Photo of ${fullName}`} />
        ) : (
          <div className="thumb placeholder" aria-hidden="true">
            {alert.firstName.charAt(0).toUpperCase()}
          </div>
        )}
        <div className="who">
          <div className="short-name">{firstNameAndInitial(alert.firstName, alert.lastName)}</div>
          <div className="full-name muted">{fullName}</div>
          <div className="arrived" title={alert.arrivedAt} data-testid="ticket-waiting">
            arrived {formatAgo(alert.arrivedAt, now)}
          </div>
          {alert.match === 'confirmed' && alert.reviewedBy !== null ? (
            <div className="muted confirmed-by">confirmed by {alert.reviewedBy}</div>
          ) : null}
        </div>
        <button
          type="button"
          className="secondary dismiss"
          disabled={dismissing}
          onClick={() => void dismiss(alert.visitId)}
          title="Remove this ticket"
        >
          Dismiss
        </button>
      </div>
      {alert.match === 'pending' ? <ConfirmMatch alert={alert} store={store} /> : null}
      {order !== null ? (
        <div className="ticket-order">
          <div className="order-line">
            <span className="order-number">Order {order.number}</span>
            <StatusBadge status={order.status} />
          </div>
          <OrderItems items={order.items} />
          <AdvanceButtons order={order} store={store} />
        </div>
      ) : (
        <p className="muted no-order">No open pickup order.</p>
      )}
      <InlineError message={error} testId="ticket-error" />
    </article>
  );
}
