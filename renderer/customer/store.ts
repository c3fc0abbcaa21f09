/**
 * The customer display's state: what the core wants on screen (DisplayState) and the store name.
 * Loaded with `display.current`, kept current by `display.changed`, re-read after every reconnect.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DisplayState } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { onReconnected } from '../shared/api/reconnect.js';

const RETRY_MS = 5000;

export interface CustomerState {
  readonly display: DisplayState | null;
  readonly storeName: string;
  readonly loadError: string | null;
}

export interface CustomerStore {
  readonly store: StoreApi<CustomerState>;
  dispose(): void;
}

export function createCustomerStore(client: KioskClient<'customer'>): CustomerStore {
  const store = createStore<CustomerState>()(() => ({ display: null, storeName: '', loadError: null }));
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
    if (seen === changes) store.setState({ display: display.value, loadError: null });
  }

  const stops = [
    client.on('display.changed', (display) => {
      changes += 1;
      store.setState({ display, loadError: null });
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
