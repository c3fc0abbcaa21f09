/**
 * The staff window's state: pickup tickets, open orders, camera health, the board's settings and (when open)
 * today's history, each loaded once, kept current by events and re-read after a reconnect. Actions (confirm,
 * bump, recall, dismiss) carry the clerk's name and report failures next to the ticket they concern.
 *
 * A new ticket (or a new open order) rings the chime once the shift has started (which unlocks sound); tickets
 * already on the board when the window opened do not.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoardConfig, CameraStatus, HistoryTicket, Order, PickupAlert } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { onReconnected } from '../shared/api/reconnect.js';
import type { Sound } from './chime.js';
import { readClerk, writeClerk, type KeyValueStorage } from './clerk-storage.js';

export type AdvanceTo = 'ready' | 'collected';

/** What the board assumes until the core has answered (the store's real settings replace it at once). */
export const FALLBACK_BOARD_CONFIG: BoardConfig = { amberAfterMinutes: 5, redAfterMinutes: 8, confirmMatches: true };

export interface StaffState {
  readonly alerts: readonly PickupAlert[];
  readonly orders: readonly Order[];
  /** null until `camera.status` has answered once (no banner before we know). */
  readonly cameras: readonly CameraStatus[] | null;
  readonly config: BoardConfig;
  readonly clerk: string;
  /** The clerk pressed "Start shift" in this window (sound is unlocked when the browser allows it). */
  readonly shiftStarted: boolean;
  readonly soundOn: boolean;
  /** Chimes actually played, for the clerk's reassurance (and tests). */
  readonly chimes: number;
  readonly historyOpen: boolean;
  /** null until loaded. */
  readonly history: readonly HistoryTicket[] | null;
  /** Error sentences keyed by order id (or `visit:<id>` for an alert without an order). */
  readonly errors: Readonly<Record<string, string>>;
  /** Keys of actions in flight, so their buttons are disabled and cannot double-submit. */
  readonly busy: Readonly<Record<string, boolean>>;
  readonly loadError: string | null;
  setClerk(name: string): void;
  /** Call from a click: remembers the clerk and unlocks sound. */
  startShift(): Promise<void>;
  /** Unlocks sound (the first click anywhere does it too). */
  unlockSound(): Promise<void>;
  advance(orderId: number, to: AdvanceTo): Promise<void>;
  recall(orderId: number, from: AdvanceTo): Promise<void>;
  confirm(visitId: number, confirmed: boolean): Promise<void>;
  dismiss(visitId: number): Promise<void>;
  toggleHistory(): void;
}

export const orderKey = (orderId: number): string => `order:${orderId}`;
export const visitKey = (visitId: number): string => `visit:${visitId}`;

const NEED_CLERK = 'Enter your name in the "Clerk" field at the top first.';

function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

const isOpen = (order: Order): boolean => order.status === 'preparing' || order.status === 'ready';

/** Applies a moved order at once; a collected or cancelled order leaves both lists, a recalled one comes back. */
function replaceOrder(order: Order, state: StaffState): Pick<StaffState, 'orders' | 'alerts'> {
  if (!isOpen(order)) {
    return {
      orders: state.orders.filter((o) => o.id !== order.id),
      alerts: state.alerts.filter((a) => a.order?.id !== order.id),
    };
  }
  const known = state.orders.some((o) => o.id === order.id);
  return {
    orders: known
      ? state.orders.map((o) => (o.id === order.id ? order : o))
      : [...state.orders, order].sort((a, b) => a.number - b.number),
    alerts: state.alerts.map((a) => (a.order?.id === order.id ? { ...a, order } : a)),
  };
}

export interface StaffStoreOptions {
  readonly client: KioskClient<'staff'>;
  readonly storage: KeyValueStorage;
  readonly sound: Sound;
}

export function createStaffStore(options: StaffStoreOptions): { store: StoreApi<StaffState>; dispose(): void } {
  const { client, storage, sound } = options;
  // Tickets and orders this window has already seen: only ones new to it ring the chime.
  const seenVisits = new Set<number>();
  const seenOrders = new Set<number>();
  let loadedOnce = false;

  const store = createStore<StaffState>()((set, get) => {
    /** Runs an action for one ticket: needs a clerk, one at a time per key, error shown next to the ticket. */
    async function act<T>(
      key: string,
      call: (clerk: string) => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
      apply: (value: T) => Partial<StaffState>,
    ): Promise<void> {
      const clerk = get().clerk.trim();
      if (clerk === '') {
        set({ errors: { ...get().errors, [key]: NEED_CLERK } });
        return;
      }
      if (get().busy[key]) return;
      set({ busy: { ...get().busy, [key]: true }, errors: without(get().errors, key) });
      const result = await call(clerk);
      const stillBusy = without(get().busy, key);
      if (result.ok) set({ busy: stillBusy, ...apply(result.value) });
      else set({ busy: stillBusy, errors: { ...get().errors, [key]: result.error.message } });
    }

    return {
      alerts: [],
      orders: [],
      cameras: null,
      config: FALLBACK_BOARD_CONFIG,
      clerk: readClerk(storage),
      shiftStarted: false,
      soundOn: false,
      chimes: 0,
      historyOpen: false,
      history: null,
      errors: {},
      busy: {},
      loadError: null,
      setClerk(name) {
        writeClerk(storage, name);
        set({ clerk: name });
      },
      async startShift() {
        // Unlock first: the browser only allows it while the click is being handled.
        const unlocking = sound.unlock();
        if (get().clerk.trim() === '') {
          set({ errors: { ...get().errors, shift: NEED_CLERK } });
        } else {
          set({ shiftStarted: true, errors: without(get().errors, 'shift') });
        }
        set({ soundOn: await unlocking });
      },
      async unlockSound() {
        if (get().soundOn) return;
        set({ soundOn: await sound.unlock() });
      },
      advance(orderId, to) {
        return act(
          orderKey(orderId),
          (clerk) => client.call('orders.advance', { orderId, to, clerk }),
          (order) => replaceOrder(order, get()),
        );
      },
      recall(orderId, from) {
        return act(
          orderKey(orderId),
          (clerk) => client.call('orders.recall', { orderId, from, clerk }),
          (order) => replaceOrder(order, get()),
        );
      },
      confirm(visitId, confirmed) {
        return act(
          visitKey(visitId),
          (clerk) => client.call('alerts.confirm', { visitId, confirmed, clerk }),
          ({ match }) => ({
            alerts:
              match === 'rejected'
                ? get().alerts.filter((a) => a.visitId !== visitId)
                : get().alerts.map((a) =>
                    a.visitId === visitId ? { ...a, match: 'confirmed' as const, reviewedBy: get().clerk.trim() } : a,
                  ),
          }),
        );
      },
      async dismiss(visitId) {
        const key = visitKey(visitId);
        if (get().busy[key]) return;
        set({ busy: { ...get().busy, [key]: true }, errors: without(get().errors, key) });
        const clerk = get().clerk.trim();
        const result = await client.call('alerts.dismiss', clerk === '' ? { visitId } : { visitId, clerk });
        const stillBusy = without(get().busy, key);
        if (result.ok) set({ busy: stillBusy, alerts: get().alerts.filter((a) => a.visitId !== visitId) });
        else set({ busy: stillBusy, errors: { ...get().errors, [key]: result.error.message } });
      },
      toggleHistory() {
        const historyOpen = !get().historyOpen;
        set({ historyOpen });
        if (historyOpen) void loadHistory();
      },
    };
  });

  /** Rings once if any ticket or open order is new to this window (never for what the first load found). */
  function announce(alerts: readonly PickupAlert[] | null, orders: readonly Order[] | null): void {
    let fresh = false;
    for (const alert of alerts ?? []) {
      if (!seenVisits.has(alert.visitId)) fresh = true;
      seenVisits.add(alert.visitId);
    }
    for (const order of orders ?? []) {
      if (!seenOrders.has(order.id)) fresh = true;
      seenOrders.add(order.id);
    }
    if (fresh && loadedOnce && sound.play()) store.setState((s) => ({ chimes: s.chimes + 1 }));
  }

  async function loadHistory(): Promise<void> {
    const result = await client.call('board.history', {});
    if (result.ok) store.setState({ history: result.value });
    else store.setState({ errors: { ...store.getState().errors, history: result.error.message } });
  }

  const refreshHistory = (): void => {
    if (store.getState().historyOpen) void loadHistory();
  };

  // Per list: bumped by each pushed change, so an older `list` answer never overwrites a newer event.
  const changes = { alerts: 0, orders: 0 };

  async function load(): Promise<void> {
    const seen = { ...changes };
    const [alerts, orders, cameras, config] = await Promise.all([
      client.call('alerts.list', {}),
      client.call('orders.listOpen', {}),
      client.call('camera.status', {}),
      client.call('board.config', {}),
    ]);
    const firstError = [alerts, orders, cameras, config].find((r) => !r.ok);
    store.setState({ loadError: firstError && !firstError.ok ? firstError.error.message : null });
    if (alerts.ok && seen.alerts === changes.alerts) store.setState({ alerts: alerts.value });
    if (orders.ok && seen.orders === changes.orders) store.setState({ orders: orders.value });
    if (cameras.ok) store.setState({ cameras: cameras.value });
    if (config.ok) store.setState({ config: config.value });
    // After a reconnect, whatever arrived meanwhile is new and rings.
    announce(alerts.ok ? alerts.value : null, orders.ok ? orders.value : null);
    loadedOnce = true;
    refreshHistory();
  }

  const stops = [
    client.on('alerts.changed', (alerts) => {
      changes.alerts += 1;
      store.setState({ alerts });
      announce(alerts, null);
      refreshHistory();
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
      announce(null, orders);
      refreshHistory();
    }),
    client.on('board.config', (config) => store.setState({ config })),
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
