/**
 * The pickup desk: who is at the counter (tickets that age amber and red), every open order (the back room
 * prepares before the customer comes), today's history, and whether the camera is working.
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { KioskClient } from '../shared/api/client.js';
import { ConnectionBadge } from '../shared/components/ConnectionBadge.js';
import { ErrorBanner, InlineError } from '../shared/components/ErrorBanner.js';
import { useConnection } from '../shared/hooks/useConnection.js';
import { useNow } from '../shared/hooks/useNow.js';
import { AlertTicket } from './AlertTicket.js';
import { CameraBanner } from './CameraBanner.js';
import { HistoryPanel } from './HistoryPanel.js';
import { OrderRow } from './OrderRow.js';
import { ShiftBar } from './ShiftBar.js';
import { SyncBadge } from './SyncBadge.js';
import type { StaffState } from './store.js';

interface Props {
  readonly client: KioskClient<'staff'>;
  readonly store: StoreApi<StaffState>;
}

/** How often ticket ages are re-checked: a ticket changes colour within this long of its threshold. */
const AGE_TICK_MS = 5000;

export function StaffApp({ client, store }: Props) {
  const status = useConnection(client.connection);
  const alerts = useStore(store, (s) => s.alerts);
  const orders = useStore(store, (s) => s.orders);
  const cameras = useStore(store, (s) => s.cameras);
  const config = useStore(store, (s) => s.config);
  const loadError = useStore(store, (s) => s.loadError);
  const shiftStarted = useStore(store, (s) => s.shiftStarted);
  const shiftError = useStore(store, (s) => s.errors.shift ?? null);
  const soundOn = useStore(store, (s) => s.soundOn);
  const chimes = useStore(store, (s) => s.chimes);
  const historyOpen = useStore(store, (s) => s.historyOpen);
  const toggleHistory = useStore(store, (s) => s.toggleHistory);
  // One clock for every timer on the page, so all tickets tick and change colour together.
  const now = useNow(AGE_TICK_MS);
  // A ticket whose order is handed over (or cancelled) needs nothing more from the desk.
  const waiting = alerts
    .filter((a) => a.order === null || a.order.status === 'preparing' || a.order.status === 'ready')
    .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt));

  return (
    <div className="staff" data-sound={soundOn ? 'on' : 'off'} data-chimes={chimes}>
      <ErrorBanner status={status} />
      <header className="topbar">
        <h1>Pickup desk</h1>
        <ShiftBar store={store} />
        <SyncBadge client={client} />
        <ConnectionBadge status={status} />
      </header>
      <main className="content">
        {!shiftStarted ? (
          <div className="banner warn" role="status" data-testid="shift-banner">
            Enter your name and press <strong>Start shift</strong>, so each new customer rings a chime.
          </div>
        ) : null}
        <InlineError message={shiftError} testId="shift-error" />
        <CameraBanner cameras={cameras} />
        {status.state === 'connected' ? <InlineError message={loadError} testId="staff-error" /> : null}

        <section aria-labelledby="alerts-title">
          <h2 id="alerts-title">
            At the counter <span className="count">{waiting.length}</span>
            <span className="legend muted">
              amber after {config.amberAfterMinutes} min, red after {config.redAfterMinutes} min
            </span>
          </h2>
          {waiting.length === 0 ? (
            <p className="empty muted">Nobody with a pickup is waiting. Recognised customers appear here.</p>
          ) : (
            <div className="tickets">
              {waiting.map((alert) => (
                <AlertTicket key={alert.visitId} alert={alert} store={store} now={now} config={config} />
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

        <section aria-labelledby="history-title">
          <h2 id="history-title">
            Today
            <button
              type="button"
              className="secondary history-toggle"
              data-testid="history-toggle"
              aria-expanded={historyOpen}
              onClick={toggleHistory}
            >
              {historyOpen ? 'Hide history' : 'Show history'}
            </button>
          </h2>
          {historyOpen ? <HistoryPanel store={store} /> : null}
        </section>
      </main>
    </div>
  );
}
