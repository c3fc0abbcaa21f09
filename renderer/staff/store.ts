/**
 * The staff window's state: pickup alerts, open orders and camera health, each loaded once, kept current by
 * events and re-read after a reconnect. Actions (advance, dismiss) report failures per order, next to its buttons.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CameraStatus, Order, PickupAlert } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { onReconnected } from '../shared/api/reconnect.js';
import { readClerk, writeClerk, type KeyValueStorage } from './clerk-storage.js';

export type AdvanceTo = 'ready' | 'collected';

export interface StaffState {
  readonly alerts: readonly PickupAlert[];
  readonly orders: readonly Order[];
  /** null until `camera.status` has answered once (no banner before we know). */
  readonly cameras: readonly CameraStatus[] | null;
  readonly clerk: string;
  /** Error sentences keyed by order id (or `visit:<id>` for an alert without an order). */
  readonly errors: Readonly<Record<string, string>>;
  /** Keys of actions in flight, so their buttons are disabled and cannot double-submit. */
  readonly busy: Readonly<Record<string, boolean>>;
  readonly loadError: string | null;
  setClerk(name: string): void;
  advance(orderId: number, to: AdvanceTo): Promise<void>;
  dismiss(visitId: number): Promise<void>;
}

export const orderKey = (orderId: number): string => `order:${orderId}`;
export const visitKey = (visitId: number): string => `visit:${visitId}`;

function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** Applies an advanced order at once; a collected or cancelled order leaves both lists (its ticket is done). */
function replaceOrder(order: Order, state: StaffState): Pick<StaffState, 'orders' | 'alerts'> {
  const stillOpen = order.status === 'preparing' || order.status === 'ready';
  if (!stillOpen) {
    return {
      orders: state.orders.filter((o) => o.id !== order.id),
      alerts: state.alerts.filter((a) => a.order?.id !== order.id),
    };
  }
  return {
    orders: state.orders.map((o) => (o.id === order.id ? order : o)),
    alerts: state.alerts.map((a) => (a.order?.id === order.id ? { ...a, order } : a)),
  };
}

export function createStaffStore(
  client: KioskClient<'staff'>,
  storage: KeyValueStorage,
): { store: StoreApi<StaffState>; dispose(): void } {
  const store = createStore<StaffState>()((set, get) => ({
    alerts: [],
    orders: [],
    cameras: null,
    clerk: readClerk(storage),
    errors: {},
    busy: {},
    loadError: null,
    setClerk(name) {
      writeClerk(storage, name);
      set({ clerk: name });
    },
    async advance(orderId, to) {
      const key = orderKey(orderId);
      const clerk = get().clerk.trim();
      if (clerk === '') {
        set({ errors: { ...get().errors, [key]: 'Enter your name in the "Clerk" field at the top first.' } });
        return;
      }
      if (get().busy[key]) return;
      set({ busy: { ...get().busy, [key]: true }, errors: without(get().errors, key) });
      const result = await client.call('orders.advance', { orderId, to, clerk });
      const stillBusy = without(get().busy, key);
      if (result.ok) set({ busy: stillBusy, ...replaceOrder(result.value, get()) });
      else set({ busy: stillBusy, errors: { ...get().errors, [key]: result.error.message } });
    },
    async dismiss(visitId) {
      const key = visitKey(visitId);
      if (get().busy[key]) return;
      set({ busy: { ...get().busy, [key]: true }, errors: without(get().errors, key) });
      const result = await client.call('alerts.dismiss', { visitId });
      const stillBusy = without(get().busy, key);
      if (result.ok) set({ busy: stillBusy, alerts: get().alerts.filter((a) => a.visitId !== visitId) });
      else set({ busy: stillBusy, errors: { ...get().errors, [key]: result.error.message } });
    },
  }));

  // Per list: bumped by each pushed change, so an older `list` answer never overwrites a newer event.
  const changes = { alerts: 0, orders: 0 };

  async function load(): Promise<void> {
    const seen = { ...changes };
    const [alerts, orders, cameras] = await Promise.all([
      client.call('alerts.list', {}),
      client.call('orders.listOpen', {}),
      client.call('camera.status', {}),
    ]);
    const firstError = [alerts, orders, cameras].find((r) => !r.ok);
    store.setState({ loadError: firstError && !firstError.ok ? firstError.error.message : null });
    if (alerts.ok && seen.alerts === changes.alerts) store.setState({ alerts: alerts.value });
    if (orders.ok && seen.orders === changes.orders) store.setState({ orders: orders.value });
    if (cameras.ok) store.setState({ cameras: cameras.value });
  }

  const stops = [
    client.on('alerts.changed', (alerts) => {
      changes.alerts += 1;
      store.setState({ alerts });
    }),
    client.on('orders.changed', (orders) => {
      changes.orders += 1;
      // An alert shows its order's live status too.
      const byId = new Map(orders.map((o) => [o.id, o]));
      store.setState((state) => ({
        orders,
        alerts: state.alerts.map((a) => {
          const fresh = a.order ? byId.get(a.order.id) : undefined;
          return fresh ? { ...a, order: fresh } : a;
        }),
      }));
    }),
    client.on('camera.status', (status) => {
      store.setState((state) => {
        const others = (state.cameras ?? []).filter((c) => c.cameraId !== status.cameraId);
        return { cameras: [...others, status].sort((a, b) => a.cameraId.localeCompare(b.cameraId)) };
      });
    }),
    onReconnected(client.connection, () => void load()),
  ];
  void load();

  return {
    store,
    dispose() {
      for (const stop of stops) stop();
    },
  };
}
