/** An order's status as a coloured badge. */
import type { OrderStatus } from '../../electron/contract/dto.js';
import { orderStatusLabel } from '../shared/format.js';

const TONE: Record<OrderStatus, string> = { preparing: 'warn', ready: 'ok', collected: '', cancelled: 'danger' };

export function StatusBadge({ status }: { readonly status: OrderStatus }) {
  return (
    <span className={`badge ${TONE[status]}`} data-testid="order-status" data-status={status}>
      {orderStatusLabel(status)}
    </span>
  );
}
