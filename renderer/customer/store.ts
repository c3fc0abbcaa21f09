/**
 * The customer display's state: what the core wants on screen (DisplayState) and the store name.
 * Loaded with `display.current`, kept current by `display.changed`, re-read after every reconnect.
 *
 * Like a signage player, it keeps playing when the link to the core drops: the last idle loop stays on screen.
 * A greeting does not: with no way to know whether the customer is still there (or someone else is), the
 * display falls back to the last idle loop at once.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DisplayState } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { onReconnected } from '../shared/api/reconnect.js';

const RETRY_MS = 5000;

type IdleState = Extract<DisplayState, { kind: 'idle' }>;

export interface CustomerState {
  readonly display: DisplayState | null;
  /** The most recent idle loop, played while the core is unreachable. */
  readonly lastIdle: IdleState | null;
  readonly offline: boolean;
  readonly storeName: string;
  readonly loadError: string | null;
}

export interface CustomerStore {
  readonly store: StoreApi<CustomerState>;
  dispose(): void;
}

function showing(display: DisplayState, state: CustomerState): Partial<CustomerState> {
  return { display, lastIdle: display.kind === 'idle' ? display : state.lastIdle, loadError: null };
}

export function createCustomerStore(client: KioskClient<'customer'>): CustomerStore {
  const store = createStore<CustomerState>()(() => ({
    display: null,
    lastIdle: null,
    offline: false,
    storeName: '',
    loadError: null,
  }));
  // Bumped by every pushed change, so a slow `display.current` answer never overwrites a newer event.
  let changes = 0;
  let retryTimer: number | undefined;

  async function load(): Promise<void> {
    window.clearTimeout(retryTimer);
    const seen = changes;
    const [display, info] = await Promise.all([client.call('display.current', {}), client.call('app.info', {})]);
    if (info.ok) store.setState({ storeName: info.value.storeName });
    if (!display.ok) {
      store.setState({ loadError: display.error.message });
      // Nobody will press reload on a customer display: while connected, ask again a little later.
      // (While disconnected, the reconnect reloads instead.)
      if (display.error.code !== 'unavailable') retryTimer = window.setTimeout(() => void load(), RETRY_MS);
      return;
    }
    if (seen === changes) store.setState((state) => showing(display.value, state));
  }

  const stops = [
    client.on('display.changed', (display) => {
      changes += 1;
      store.setState((state) => showing(display, state));
    }),
    client.connection.subscribe(() => {
      const offline = client.connection.get().state === 'disconnected';
      store.setState((state) =>
        offline && state.display !== null && state.display.kind !== 'idle'
          ? { offline, display: state.lastIdle }
          : { offline },
      );
    }),
    onReconnected(client.connection, () => void load()),
  ];
  void load();

  return {
    store,
    dispose() {
      window.clearTimeout(retryTimer);
      for (const stop of stops) stop();
    },
  };
}
