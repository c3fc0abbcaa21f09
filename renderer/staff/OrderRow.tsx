/** One open order in the back-room list, so it can be prepared before the customer arrives. */
import type { StoreApi } from 'zustand/vanilla';
import type { Order } from '../../electron/contract/dto.js';
import { formatAgo } from '../shared/format.js';
import { AdvanceButtons } from './AdvanceButtons.js';
import { OrderItems } from './OrderItems.js';
import { StatusBadge } from './StatusBadge.js';
import type { StaffState } from './store.js';

export function OrderRow({
  order,
  store,
  now,
}: {
  readonly order: Order;
  readonly store: StoreApi<StaffState>;
  readonly now: number;
}) {
  return (
    <article
      className="order-row card"
      data-testid="order-row"
      data-order-number={order.number}
      data-order-id={order.id}
    >
      <div className="order-main">
        <div className="order-line">
          <span className="order-number">Order {order.number}</span>
          <StatusBadge status={order.status} />
        </div>
        <div className="muted">
          {order.customerName} · placed {formatAgo(order.createdAt, now)}
        </div>
      </div>
      <OrderItems items={order.items} />
      <AdvanceButtons order={order} store={store} />
    </article>
  );
}
