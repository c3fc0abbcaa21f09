import { describe, expect, it } from 'vitest';
import type { Order, PickupAlert } from '../../electron/contract/dto.js';
import type { Result } from '../../electron/contract/result.js';
import type { KioskClient } from '../shared/api/client.js';
import { CONNECTED } from '../shared/api/connection.js';
import { createObservable } from '../shared/api/observable.js';
import { createStaffStore } from './store.js';
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

describe('createStaffStore', () => {
  it('refuses to advance an order without a clerk name and says why, without calling the core', async () => {
    const { client, calls } = clientAnswering({ 'alerts.list': () => ({ ok: true, value: [alert] }) });
    const { store } = createStaffStore(client, memoryStorage());
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
    const { store } = createStaffStore(client, memoryStorage({ 'kiosk.staff.clerk': 'Sam' }));
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
    const { store } = createStaffStore(client, memoryStorage());
    store.getState().setClerk('Sam');
    await settle();
    await store.getState().advance(order.id, 'ready');
    expect(store.getState().errors['order:1']).toBe('Order 1042 is already collected.');
    expect(store.getState().busy['order:1']).toBeUndefined();
  });
});
