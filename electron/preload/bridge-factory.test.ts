import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../contract/access.js';
import type { CommandsOf } from '../contract/bridge.js';
import { createBridge, type PreloadIpc } from './bridge-factory.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer stand-in: records invokes, answers with `answer`, and can emit events. */
function fakeIpc(
  answer: (command: unknown, input: unknown) => Promise<unknown> = async () => ({ ok: true, value: 'done' }),
) {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: PreloadIpc = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args]);
      return answer(args[0], args[1]);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (name: string, payload: unknown): void => {
    for (const listener of listeners.get(IPC_CHANNELS.event) ?? [])
      listener({ sender: 'the ipc event' }, name, payload);
  };
  return { ipc, invoked, emit };
}

describe('preload bridge', () => {
  it('sends an allowed command over the call channel and returns the result', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge('staff', ipc);
    await expect(bridge.call('orders.listOpen', {})).resolves.toEqual({ ok: true, value: 'done' });
    expect(invoked).toEqual([[IPC_CHANNELS.call, 'orders.listOpen', {}]]);
  });

  it('refuses a command the role may not call without any IPC round trip', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge('staff', ipc);
    // A page can call anything at run time; the type would stop it only at compile time.
    const adminCommand = 'customers.erase' as CommandsOf<'staff'>;
    await expect(bridge.call(adminCommand, {} as never)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(invoked).toEqual([]);
  });

  it('says which role it is', () => {
    expect(createBridge('customer', fakeIpc().ipc).role).toBe('customer');
  });

  it('turns an answer that is not a Result into an internal error', async () => {
    const { ipc } = fakeIpc(async () => ({ ok: 'maybe' }));
    await expect(createBridge('staff', ipc).call('alerts.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('turns a failed invoke into unavailable instead of throwing into the page', async () => {
    const { ipc } = fakeIpc(async () => {
      throw new Error('No handler registered');
    });
    await expect(createBridge('staff', ipc).call('alerts.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('delivers only the events the role receives, without the IPC event object', () => {
    const { ipc, emit } = fakeIpc();
    const seen: unknown[][] = [];
    createBridge('staff', ipc).onEvent((...args) => seen.push(args));
    emit('orders.changed', []);
    emit('display.changed', { kind: 'idle', offers: [] });
    emit('not.an.event', {});
    expect(seen).toEqual([['orders.changed', []]]);
  });

  it('stops delivering events once unsubscribed', () => {
    const { ipc, emit } = fakeIpc();
    const seen: unknown[] = [];
    const unsubscribe = createBridge('customer', ipc).onEvent((name) => seen.push(name));
    emit('display.changed', { kind: 'idle', offers: [] });
    unsubscribe();
    emit('display.changed', { kind: 'idle', offers: [] });
    expect(seen).toEqual(['display.changed']);
  });
});
