import { describe, expect, it } from 'vitest';
import type { Order, PickupAlert } from '../../electron/contract/dto.js';
import type { Result } from '../../electron/contract/result.js';
import type { KioskClient } from '../shared/api/client.js';
import { CONNECTED } from '../shared/api/connection.js';
import { createObservable } from '../shared/api/observable.js';
import { createStaffStore } from './store.js';
import type { Sound } from './chime.js';
import type { KeyValueStorage } from './clerk-storage.js';

const order: Order = {
  id: 1,
  number: 1042,
  customerId: 'c1',
  customerName: 'Anna Karlsson',
  status: 'ready',
  items: [{ productId: 'p1', name: 'Oat milk', quantity: 2 }],
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};
const alert: PickupAlert = {
  visitId: 7,
  customerId: 'c1',
  firstName: 'Anna',
  lastName: 'Karlsson',
  thumbnail: null,
  order,
  arrivedAt: '2025-03-01T10:05:00.000Z',
  cameraId: 'entrance',
  match: 'confirmed',
  reviewedBy: 'Sam',
};

type Answer = (input: unknown) => Result<unknown>;

/** A staff client answering from a table; records every call it gets. */
function clientAnswering(answers: Record<string, Answer>) {
  const calls: { command: string; input: unknown }[] = [];
  const client = {
    role: 'staff',
    connection: createObservable(CONNECTED),
    call: (command: string, input: unknown) => {
      calls.push({ command, input });
      const answer = answers[command];
      return Promise.resolve(answer ? answer(input) : { ok: true, value: [] });
    },
    on: () => () => undefined,
    onEvent: () => () => undefined,
    reconnectNow: () => undefined,
    close: () => undefined,
  };
  // The store only uses call/on/connection; the generic signatures of the real client do not matter here.
  return { client: client as unknown as KioskClient<'staff'>, calls };
}

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A sound that records what it was asked to do; locked until unlocked, like a browser's. */
function silent(): Sound & { played: number; unlocked: boolean } {
  const sound = {
    played: 0,
    unlocked: false,
    unlock: () => {
      sound.unlocked = true;
      return Promise.resolve(true);
    },
    play: () => {
      if (!sound.unlocked) return false;
      sound.played += 1;
      return true;
    },
  };
  return sound;
}

/** A staff client whose pushed events the test can send. */
function clientWithEvents(answers: Record<string, Answer>) {
  const { client, calls } = clientAnswering(answers);
  const listeners = new Map<string, (payload: unknown) => void>();
  (client as unknown as { on: unknown }).on = (event: string, listener: (payload: unknown) => void) => {
    listeners.set(event, listener);
    return () => listeners.delete(event);
  };
  return { client, calls, push: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

describe('createStaffStore', () => {
  it('refuses to advance an order without a clerk name and says why, without calling the core', async () => {
    const { client, calls } = clientAnswering({ 'alerts.list': () => ({ ok: true, value: [alert] }) });
    const { store } = createStaffStore({ client, storage: memoryStorage(), sound: silent() });
    await settle();
    await store.getState().advance(order.id, 'collected');
    expect(store.getState().errors['order:1']).toBe('Enter your name in the "Clerk" field at the top first.');
    expect(calls.some((c) => c.command === 'orders.advance')).toBe(false);
  });

  it('sends the remembered clerk name and drops the ticket once the order is collected', async () => {
    const { client, calls } = clientAnswering({
      'alerts.list': () => ({ ok: true, value: [alert] }),
      'orders.listOpen': () => ({ ok: true, value: [order] }),
      'orders.advance': () => ({ ok: true, value: { ...order, status: 'collected' } }),
    });
    const { store } = createStaffStore({
      client,
      storage: memoryStorage({ 'kiosk.staff.clerk': 'Sam' }),
      sound: silent(),
    });
    await settle();
    expect(store.getState().alerts).toHaveLength(1);
    await store.getState().advance(order.id, 'collected');
    expect(calls.find((c) => c.command === 'orders.advance')?.input).toEqual({
      orderId: 1,
      to: 'collected',
      clerk: 'Sam',
    });
    expect(store.getState().alerts).toEqual([]);
    expect(store.getState().orders).toEqual([]);
  });

  it("shows the core's sentence next to the order when advancing fails", async () => {
    const { client } = clientAnswering({
      'orders.listOpen': () => ({ ok: true, value: [order] }),
      'orders.advance': () => ({ ok: false, error: { code: 'conflict', message: 'Order 1042 is already collected.' } }),
    });
    const { store } = createStaffStore({ client, storage: memoryStorage(), sound: silent() });
    store.getState().setClerk('Sam');
    await settle();
    await store.getState().advance(order.id, 'ready');
    expect(store.getState().errors['order:1']).toBe('Order 1042 is already collected.');
    expect(store.getState().busy['order:1']).toBeUndefined();
  });

  it('rings for a ticket that arrives after the shift started, not for those already on the board', async () => {
    const sound = silent();
    const { client, push } = clientWithEvents({ 'alerts.list': () => ({ ok: true, value: [alert] }) });
    const { store } = createStaffStore({ client, storage: memoryStorage({ 'kiosk.staff.clerk': 'Sam' }), sound });
    await settle();
    await store.getState().startShift();
    expect(store.getState()).toMatchObject({ shiftStarted: true, soundOn: true, chimes: 0 });
    push('alerts.changed', [alert]);
    expect(sound.played).toBe(0);
    push('alerts.changed', [alert, { ...alert, visitId: 8, match: 'pending' }]);
    expect(sound.played).toBe(1);
    expect(store.getState().chimes).toBe(1);
  });

  it('asks for a name before the shift starts, but unlocks the sound anyway', async () => {
    const sound = silent();
    const { client } = clientAnswering({});
    const { store } = createStaffStore({ client, storage: memoryStorage(), sound });
    await store.getState().startShift();
    expect(store.getState().shiftStarted).toBe(false);
    expect(store.getState().errors.shift).toMatch(/Clerk/);
    expect(sound.unlocked).toBe(true);
  });

  it('confirms a match with the clerk’s name and removes a rejected one', async () => {
    const pending: PickupAlert = { ...alert, match: 'pending', reviewedBy: null };
    const other: PickupAlert = { ...alert, visitId: 9, match: 'pending', reviewedBy: null };
    const { client, calls } = clientAnswering({
      'alerts.list': () => ({ ok: true, value: [pending, other] }),
      'alerts.confirm': (input) => ({
        ok: true,
        value: { match: (input as { confirmed: boolean }).confirmed ? 'confirmed' : 'rejected' },
      }),
    });
    const { store } = createStaffStore({
      client,
      storage: memoryStorage({ 'kiosk.staff.clerk': 'Sam' }),
      sound: silent(),
    });
    await settle();
    await store.getState().confirm(7, true);
    await store.getState().confirm(9, false);
    expect(calls.filter((c) => c.command === 'alerts.confirm').map((c) => c.input)).toEqual([
      { visitId: 7, confirmed: true, clerk: 'Sam' },
      { visitId: 9, confirmed: false, clerk: 'Sam' },
    ]);
    expect(store.getState().alerts).toEqual([{ ...pending, match: 'confirmed', reviewedBy: 'Sam' }]);
  });

  it('puts a recalled order back on the open list', async () => {
    const { client } = clientAnswering({
      'orders.listOpen': () => ({ ok: true, value: [] }),
      'orders.recall': () => ({ ok: true, value: { ...order, status: 'ready' } }),
    });
    const { store } = createStaffStore({
      client,
      storage: memoryStorage({ 'kiosk.staff.clerk': 'Sam' }),
      sound: silent(),
    });
    await settle();
    await store.getState().recall(order.id, 'collected');
    expect(store.getState().orders.map((o) => o.status)).toEqual(['ready']);
  });
});
