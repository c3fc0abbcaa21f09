import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '../contract/access.js';
import type { Caller } from '../contract/dispatch.js';
import type { Core, EventListener } from './core-api.js';
import type { CoreToMain } from './host-protocol.js';
import { memoryLogger } from './logger.js';
import {
  parseMainMessage,
  runUtilityHost,
  type CreateCore,
  type ParentPort,
  type UtilityHostDeps,
} from './utility-host.js';

// The relay is tested against a stand-in core: create-core.ts itself has its own tests.
vi.mock('./create-core.js', () => ({ createCore: vi.fn() }));

function fakeCore() {
  const listeners = new Set<EventListener>();
  const calls: [Caller, string, unknown][] = [];
  const disconnected: string[] = [];
  let closed = false;
  const core: Core = {
    info: {
      productName: 'Smart Store Kiosk',
      version: '1.0.0',
      mode: 'electron',
      storeName: 'Corner Shop',
      camera: { id: 'entrance', kind: 'mjpeg-file', device: '' },
      visionBackend: 'test',
    },
    visionReady: Promise.resolve(),
    call: async (caller, command, payload) => {
      calls.push([caller, command, payload]);
      return { ok: true, value: { echoed: command } };
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    disconnect: (connectionId) => void disconnected.push(connectionId),
    close: async () => {
      closed = true;
    },
  };
  const emit = (event: EventName, payload: unknown): void => listeners.forEach((listener) => listener(event, payload));
  return { core, calls, disconnected, emit, isClosed: () => closed, listenerCount: () => listeners.size };
}

function host(createCore: CreateCore, followLan?: UtilityHostDeps['followLan']) {
  const posted: CoreToMain[] = [];
  let deliver: (data: unknown) => void = () => undefined;
  const port: ParentPort = {
    on: (_event, listener) => {
      deliver = (data) => listener({ data });
    },
    postMessage: (message) => void posted.push(message),
  };
  const exits: number[] = [];
  runUtilityHost({
    port,
    createCore,
    ...(followLan ? { followLan } : {}),
    logger: memoryLogger(),
    exit: (code) => void exits.push(code),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { posted, exits, send: (data: unknown) => deliver(data), settle };
}

const START = { type: 'start', options: { dataDir: '/tmp/kiosk', camera: 'clip.mjpeg', version: '1.0.0' } };

describe('utility host', () => {
  it('creates the core in electron mode from the start options and replies ready with the store name', async () => {
    const fake = fakeCore();
    const createCore = vi.fn<CreateCore>(async () => fake.core);
    const { posted, send, settle } = host(createCore);
    send(START);
    await settle();
    expect(createCore).toHaveBeenCalledWith(
      expect.objectContaining({ dataDir: '/tmp/kiosk', camera: 'clip.mjpeg', version: '1.0.0', mode: 'electron' }),
    );
    expect(posted).toEqual([{ type: 'ready', storeName: 'Corner Shop' }]);
  });

  it('replies failed with a sentence naming the cause when the core cannot start', async () => {
    const { posted, send, settle } = host(async () => {
      throw new Error('The camera file clip.mjpeg does not exist.');
    });
    send(START);
    await settle();
    expect(posted).toEqual([
      { type: 'failed', message: 'The kiosk core could not start: The camera file clip.mjpeg does not exist.' },
    ]);
  });

  it('relays a call with its role and connection and answers with the same id', async () => {
    const fake = fakeCore();
    const { posted, send, settle } = host(async () => fake.core);
    send(START);
    await settle();
    send({ type: 'call', id: 9, role: 'staff', connectionId: 'window-3', command: 'orders.listOpen', payload: {} });
    await settle();
    expect(fake.calls).toEqual([[{ role: 'staff', connectionId: 'window-3' }, 'orders.listOpen', {}]]);
    expect(posted.at(-1)).toEqual({
      type: 'result',
      id: 9,
      result: { ok: true, value: { echoed: 'orders.listOpen' } },
    });
  });

  it('answers unavailable to a call that arrives before the core is ready', () => {
    const { posted, send } = host(() => new Promise<Core>(() => undefined));
    send(START);
    send({ type: 'call', id: 1, role: 'staff', connectionId: 'w', command: 'orders.listOpen', payload: {} });
    expect(posted).toEqual([
      {
        type: 'result',
        id: 1,
        result: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'unavailable' }) }),
      },
    ]);
  });

  it('forwards core events and disconnects', async () => {
    const fake = fakeCore();
    const { posted, send, settle } = host(async () => fake.core);
    send(START);
    await settle();
    fake.emit('alerts.changed', []);
    send({ type: 'disconnect', connectionId: 'window-5' });
    expect(posted.at(-1)).toEqual({ type: 'event', event: 'alerts.changed', payload: [] });
    expect(fake.disconnected).toEqual(['window-5']);
  });

  it('closes the core and exits on shutdown', async () => {
    const fake = fakeCore();
    const { exits, send, settle } = host(async () => fake.core);
    send(START);
    await settle();
    send({ type: 'shutdown' });
    await settle();
    expect(fake.isClosed()).toBe(true);
    expect(fake.listenerCount()).toBe(0);
    expect(exits).toEqual([0]);
  });

  it('serves tablets for the running core and stops doing so before closing it', async () => {
    const fake = fakeCore();
    const order: string[] = [];
    const followLan = vi.fn((core: unknown) => {
      order.push(core === fake.core ? 'lan started for this core' : 'lan started for another core');
      return { stop: async () => void order.push('lan stopped') };
    });
    const { send, settle } = host(async () => fake.core, followLan);
    send(START);
    await settle();
    send({ type: 'shutdown' });
    await settle();
    expect(order).toEqual(['lan started for this core', 'lan stopped']);
    expect(fake.isClosed()).toBe(true);
  });

  it('waits for a core that is still starting before closing it on shutdown', async () => {
    const fake = fakeCore();
    let finishStart: (core: Core) => void = () => undefined;
    const { exits, send, settle } = host(() => new Promise<Core>((resolve) => (finishStart = resolve)));
    send(START);
    send({ type: 'shutdown' });
    await settle();
    expect(exits).toEqual([]);
    finishStart(fake.core);
    await settle();
    await settle();
    expect(fake.isClosed()).toBe(true);
    expect(exits).toEqual([0]);
  });

  it('drops messages that are not in the host protocol', () => {
    expect(
      parseMainMessage({ type: 'call', id: 1, role: 'root', connectionId: 'w', command: 'x', payload: {} }),
    ).toBeNull();
    expect(parseMainMessage({ type: 'start', options: { dataDir: 1 } })).toBeNull();
    expect(parseMainMessage({ type: 'reboot' })).toBeNull();
    expect(parseMainMessage('shutdown')).toBeNull();
    expect(parseMainMessage({ type: 'disconnect', connectionId: 'w' })).toEqual({
      type: 'disconnect',
      connectionId: 'w',
    });
  });
});
