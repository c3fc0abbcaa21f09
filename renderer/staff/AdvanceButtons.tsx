/**
 * The one next step for an order ("Mark ready" while preparing, "Mark collected" once ready) — the bump — and
 * "Recall" to undo the last bump, with the error sentence underneath. Orders move one step at a time, so the
 * board offers only the steps that are allowed.
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Order } from '../../electron/contract/dto.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import { orderKey, type StaffState } from './store.js';

export function AdvanceButtons({ order, store }: { readonly order: Order; readonly store: StoreApi<StaffState> }) {
  const key = orderKey(order.id);
  const busy = useStore(store, (s) => s.busy[key] === true);
  const error = useStore(store, (s) => s.errors[key] ?? null);
  const advance = useStore(store, (s) => s.advance);
  const recall = useStore(store, (s) => s.recall);
  return (
    <div className="advance">
      <div className="buttons">
        {order.status === 'preparing' && (
          <button
            type="button"
            data-testid="advance-ready"
            disabled={busy}
            onClick={() => void advance(order.id, 'ready')}
          >
            Mark ready
          </button>
        )}
        {order.status === 'ready' && (
          <>
            <button
              type="button"
              data-testid="advance-collected"
              disabled={busy}
              onClick={() => void advance(order.id, 'collected')}
            >
              Mark collected
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="recall"
              disabled={busy}
              title="Undo “Mark ready”: back to preparing"
              onClick={() => void recall(order.id, 'ready')}
            >
              Recall
            </button>
          </>
        )}
      </div>
      <InlineError message={error} testId="advance-error" />
    </div>
  );
}
