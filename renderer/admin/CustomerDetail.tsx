/** The selected customer: consent on record, enrolment, and erasing their face data. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { EnrolmentFlow } from './EnrolmentFlow.js';
import { EraseFaceData } from './EraseFaceData.js';
import type { AdminState } from './store.js';
import { WithdrawConsent } from './WithdrawConsent.js';

export function CustomerDetail({
  store,
  client,
}: {
  readonly store: StoreApi<AdminState>;
  /** For the manager's controls (withdrawing consent); absent, the detail shows enrolment and erasure only. */
  readonly client?: KioskClient<'admin'>;
}) {
  const customer = useStore(store, (s) => s.customers.find((c) => c.id === s.selectedId) ?? null);
  const notice = useStore(store, (s) => s.notice);
  const enrolling = useStore(store, (s) => s.enrolment !== null && s.enrolment.session.customerId === s.selectedId);
  if (customer === null) {
    return (
      <section className="card customer-detail">
        <p className="muted">Choose a customer to enrol them or to erase their face data.</p>
        {notice !== null ? (
          <p className="notice" data-testid="admin-notice">
            {notice}
          </p>
        ) : null}
      </section>
    );
  }
  return (
    <section className="card customer-detail" aria-labelledby="detail-title" data-customer-id={customer.id}>
      <h2 id="detail-title">
        {customer.firstName} {customer.lastName}{' '}
        {customer.needsReenrolment === true ? (
          <span className="badge warn" title="Enrolled with another face model: not recognised until enrolled again">
            Needs re-enrolment
          </span>
        ) : customer.enrolled ? (
          <span className="badge ok">Enrolled</span>
        ) : (
          <span className="badge">Not enrolled</span>
        )}
      </h2>
      <p className="muted">
        {customer.email} · {customer.templates} face template{customer.templates === 1 ? '' : 's'}
        {customer.consent !== null
          ? ` · consent v${customer.consent.textVersion} recorded by ${customer.consent.recordedBy} on ${new Date(customer.consent.agreedAt).toLocaleDateString()}${customer.consent.thumbnailAgreed ? ', thumbnail agreed' : ''}`
          : ''}
      </p>
      {notice !== null ? (
        <p className="notice" data-testid="admin-notice">
          {notice}
        </p>
      ) : null}
      {/* Keyed by customer so the consent checkboxes start unticked for every customer. */}
      <EnrolmentFlow key={customer.id} store={store} customer={customer} />
      {enrolling || client === undefined ? null : (
        <WithdrawConsent key={`withdraw-${customer.id}`} client={client} store={store} customer={customer} />
      )}
      {enrolling ? null : <EraseFaceData key={`erase-${customer.id}`} store={store} customer={customer} />}
    </section>
  );
}
