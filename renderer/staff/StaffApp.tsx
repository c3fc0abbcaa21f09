/** The pickup desk: who is at the counter (alerts), every open order, and whether the camera is working. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { ConnectionBadge } from '../shared/components/ConnectionBadge.js';
import { ErrorBanner, InlineError } from '../shared/components/ErrorBanner.js';
import { useConnection } from '../shared/hooks/useConnection.js';
import { useNow } from '../shared/hooks/useNow.js';
import { AlertTicket } from './AlertTicket.js';
import { CameraBanner } from './CameraBanner.js';
import { OrderRow } from './OrderRow.js';
import type { StaffState } from './store.js';

interface Props {
  readonly client: KioskClient<'staff'>;
  readonly store: StoreApi<StaffState>;
}

function ClerkField({ store }: { readonly store: StoreApi<StaffState> }) {
  const clerk = useStore(store, (s) => s.clerk);
  const setClerk = useStore(store, (s) => s.setClerk);
  return (
    <label className="clerk-field">
      Clerk:
      <input
        type="text"
        data-testid="clerk-name"
        value={clerk}
        maxLength={60}
        placeholder="Your name"
        autoComplete="off"
        onChange={(event) => setClerk(event.target.value)}
      />
    </label>
  );
}

export function StaffApp({ client, store }: Props) {
  const status = useConnection(client.connection);
  const alerts = useStore(store, (s) => s.alerts);
  const orders = useStore(store, (s) => s.orders);
  const cameras = useStore(store, (s) => s.cameras);
  const loadError = useStore(store, (s) => s.loadError);
  // One clock for every timer on the page, so all tickets tick together.
  const now = useNow(15_000);
  // A ticket whose order is handed over (or cancelled) needs nothing more from the desk.
  const waiting = alerts
    .filter((a) => a.order === null || a.order.status === 'preparing' || a.order.status === 'ready')
    .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt));

  return (
    <div className="staff">
      <ErrorBanner status={status} />
      <header className="topbar">
        <h1>Pickup desk</h1>
        <ClerkField store={store} />
        <ConnectionBadge status={status} />
      </header>
      <main className="content">
        <CameraBanner cameras={cameras} />
        {status.state === 'connected' ? <InlineError message={loadError} testId="staff-error" /> : null}

        <section aria-labelledby="alerts-title">
          <h2 id="alerts-title">
            At the counter <span className="count">{waiting.length}</span>
          </h2>
          {waiting.length === 0 ? (
            <p className="empty muted">Nobody with a pickup is waiting. Recognised customers appear here.</p>
          ) : (
            <div className="tickets">
              {waiting.map((alert) => (
                <AlertTicket key={alert.visitId} alert={alert} store={store} now={now} />
              ))}
            </div>
          )}
        </section>

        <section aria-labelledby="orders-title">
          <h2 id="orders-title">
            Open orders <span className="count">{orders.length}</span>
          </h2>
          {orders.length === 0 ? (
            <p className="empty muted">No open orders.</p>
          ) : (
            <div className="orders">
              {orders.map((order) => (
                <OrderRow key={order.id} order={order} store={store} now={now} />
              ))}
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
