/** Searchable customer list; choosing a row opens its enrolment and erase actions. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { AreaError } from './AreaError.js';
import type { AdminState } from './store.js';

export function CustomerList({ store }: { readonly store: StoreApi<AdminState> }) {
  const customers = useStore(store, (s) => s.customers);
  const query = useStore(store, (s) => s.query);
  const selectedId = useStore(store, (s) => s.selectedId);
  const search = useStore(store, (s) => s.search);
  const select = useStore(store, (s) => s.select);
  return (
    <section className="card customer-list" aria-labelledby="customers-title">
      <h2 id="customers-title">Customers</h2>
      <input
        type="search"
        data-testid="customer-search"
        placeholder="Search by name or e-mail"
        value={query}
        onChange={(event) => search(event.target.value)}
      />
      <AreaError store={store} area="customers" />
      <ul className="rows" role="listbox" aria-label="Customers">
        {customers.map((customer) => (
          <li key={customer.id}>
            <button
              type="button"
              role="option"
              aria-selected={customer.id === selectedId}
              className={customer.id === selectedId ? 'row selected' : 'row'}
              data-testid="customer-row"
              data-customer-id={customer.id}
              onClick={() => void select(customer.id)}
            >
              <span className="row-name">
                {customer.firstName} {customer.lastName}
              </span>
              <span className="row-email muted">{customer.email}</span>
              {customer.needsReenrolment === true ? (
                <span
                  className="badge warn"
                  data-testid="reenrol-badge"
                  title="Enrolled with another face model: not recognised until enrolled again"
                >
                  Needs re-enrolment
                </span>
              ) : customer.enrolled ? (
                <span className="badge ok" data-testid="enrolled-badge">
                  Enrolled
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {customers.length === 0 ? <p className="muted">No customers match.</p> : null}
    </section>
  );
}
