/** "Erase face data" with a confirmation step: deletes the customer's templates, thumbnail and consent record. */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { CustomerSummary } from '../../electron/contract/dto.js';
import { AreaError } from './AreaError.js';
import type { AdminState } from './store.js';

export function EraseFaceData({
  store,
  customer,
}: {
  readonly store: StoreApi<AdminState>;
  readonly customer: CustomerSummary;
}) {
  const busy = useStore(store, (s) => s.busy);
  const erase = useStore(store, (s) => s.erase);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="erase">
      {confirming ? (
        <div className="confirm banner warn" role="alertdialog" aria-label="Confirm erasing face data">
          <p>
            Erase all face data of {customer.firstName} {customer.lastName}? They will no longer be recognised. This
            cannot be undone.
          </p>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              data-testid="erase-confirm"
              disabled={busy}
              onClick={() => void erase(customer.id).then(() => setConfirming(false))}
            >
              Yes, erase
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="danger" data-testid="erase" onClick={() => setConfirming(true)}>
          Erase face data
        </button>
      )}
      <AreaError store={store} area="erase" />
    </div>
  );
}
