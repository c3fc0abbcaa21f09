/**
 * "Withdraw consent" for a customer who asks to stop being recognised: their face templates, thumbnail and visits
 * are deleted in one step; the withdrawn consent stays as the record of what was agreed and when it ended.
 */
import { useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { CustomerSummary } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import type { AdminState } from './store.js';
import { unwrap } from './use-admin-call.js';

export function WithdrawConsent({
  client,
  store,
  customer,
}: {
  readonly client: KioskClient<'admin'>;
  readonly store: StoreApi<AdminState>;
  readonly customer: CustomerSummary;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function withdraw(): Promise<void> {
    setBusy(true);
    const done = unwrap(await client.call('customers.withdrawConsent', { customerId: customer.id }), store, setError);
    setBusy(false);
    if (done === null) return;
    setConfirming(false);
    setError(null);
    // The customer list reloads on the core's customers.changed event.
  }

  if (customer.consent === null) return null;
  return (
    <div className="erase">
      {confirming ? (
        <div className="confirm banner warn" role="alertdialog" aria-label="Confirm withdrawing consent">
          <p>
            {customer.firstName} {customer.lastName} withdraws consent: their face data, photo and visits are deleted
            now. The withdrawal is kept on record.
          </p>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              data-testid="withdraw-confirm"
              disabled={busy}
              onClick={() => void withdraw()}
            >
              Withdraw consent
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary" data-testid="withdraw" onClick={() => setConfirming(true)}>
          Withdraw consent…
        </button>
      )}
      <InlineError message={error} testId="withdraw-error" />
    </div>
  );
}
