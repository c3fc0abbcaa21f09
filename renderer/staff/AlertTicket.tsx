/** One customer at the counter: who, since when, and their pickup order with its buttons. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { PickupAlert } from '../../electron/contract/dto.js';
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
}

export function AlertTicket({ alert, store, now }: Props) {
  const key = visitKey(alert.visitId);
  const dismissing = useStore(store, (s) => s.busy[key] === true);
  const error = useStore(store, (s) => s.errors[key] ?? null);
  const dismiss = useStore(store, (s) => s.dismiss);
  const { order } = alert;
  const fullName = `${alert.firstName} ${alert.lastName}`.trim();
  return (
    <article
      className="ticket card"
      data-testid="alert-ticket"
      data-order-number={order?.number ?? ''}
      data-visit-id={alert.visitId}
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
          <div className="arrived muted" title={alert.arrivedAt}>
            arrived {formatAgo(alert.arrivedAt, now)}
          </div>
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
      <InlineError message={error} />
    </article>
  );
}
