import { describe, expect, it } from 'vitest';
import type { Scheduler } from './transport.js';
import { createWsTransport, type SocketHandlers } from './ws-transport.js';

/** A scheduler whose time only moves when the test says so. */
function manualClock(): Scheduler & { advance(ms: number): void } {
  let now = 0;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout(run, ms) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, run });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

interface FakeSocket {
  readonly handlers: SocketHandlers;
  readonly sent: (string | Uint8Array)[];
  buffered: number;
}

function setup(binaryCommand?: string) {
  const clock = manualClock();
  const sockets: FakeSocket[] = [];
  const warnings: string[] = [];
  const transport = createWsTransport({
    url: 'ws://kiosk.test/ws/staff',
    openSocket: (_url, handlers) => {
      const socket: FakeSocket = { handlers, sent: [], buffered: 0 };
      sockets.push(socket);
      return {
        send: (data) => socket.sent.push(data),
        close: () => handlers.onClose(),
        bufferedAmount: () => socket.buffered,
      };
    },
    scheduler: clock,
    random: () => 0.5,
    warn: (message) => warnings.push(message),
    ...(binaryCommand ? { binaryCommand } : {}),
  });
  const latest = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  };
  return { clock, sockets, latest, transport, warnings };
}

function reply(socket: FakeSocket, message: unknown): void {
  socket.handlers.onText(JSON.stringify(message));
}

describe('createWsTransport', () => {
  it('sends a call made while connecting once the socket opens, and resolves it with the matching result', async () => {
    const { latest, transport } = setup();
    const answer = transport.call('alerts.list', {});
    expect(latest().sent).toEqual([]);
    latest().handlers.onOpen();
    expect(latest().sent).toEqual([JSON.stringify({ type: 'call', id: 1, command: 'alerts.list', payload: {} })]);
    reply(latest(), { type: 'result', id: 1, result: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual({ ok: true, value: [] });
  });

  it('fails a pending call with a clear error when the connection drops, without re-sending it', async () => {
    const { latest, transport, clock, sockets } = setup();
    latest().handlers.onOpen();
    const answer = transport.call('orders.advance', { orderId: 1, to: 'ready', clerk: 'Sam' });
    latest().handlers.onClose();
    const result = await answer;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('unavailable');
    expect(!result.ok && result.error.message).toContain('Lost the connection');
    clock.advance(10_000);
    expect(sockets).toHaveLength(2);
    expect(sockets[1]?.sent).toEqual([]);
  });

  it('reports the connection as down and reconnects by itself after a backoff', () => {
    const { latest, transport, clock, sockets } = setup();
    latest().handlers.onOpen();
    expect(transport.connection.get().state).toBe('connected');
    latest().handlers.onClose();
    expect(transport.connection.get().state).toBe('disconnected');
    clock.advance(400);
    expect(sockets).toHaveLength(1);
    clock.advance(200);
    expect(sockets).toHaveLength(2);
    latest().handlers.onOpen();
    expect(transport.connection.get()).toEqual({ state: 'connected', message: null, failures: 0 });
  });

  it('refuses calls at once while disconnected instead of letting them hang', async () => {
    const { latest, transport } = setup();
    latest().handlers.onClose();
    const result = await transport.call('alerts.list', {});
    expect(!result.ok && result.error.code).toBe('unavailable');
  });

  it('sends camera frames as binary messages and hands a refusal the server reports to the next frame', async () => {
    const { latest, transport } = setup('camera.pushFrame');
    latest().handlers.onOpen();
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    await expect(transport.call('camera.pushFrame', { jpeg })).resolves.toEqual({
      ok: true,
      value: { accepted: true },
    });
    expect(latest().sent).toEqual([jpeg]);
    const refusal = { ok: false, error: { code: 'camera_unavailable', message: 'The camera is not a USB camera.' } };
    reply(latest(), { type: 'result', id: null, result: refusal });
    await expect(transport.call('camera.pushFrame', { jpeg })).resolves.toEqual(refusal);
    await expect(transport.call('camera.pushFrame', { jpeg })).resolves.toEqual({
      ok: true,
      value: { accepted: true },
    });
  });

  it('skips a frame instead of queueing it while the send buffer is full', async () => {
    const { latest, transport } = setup('camera.pushFrame');
    latest().handlers.onOpen();
    latest().buffered = 5 * 1024 * 1024;
    const result = await transport.call('camera.pushFrame', { jpeg: new Uint8Array([0xff, 0xd8]) });
    expect(result).toEqual({ ok: true, value: { accepted: false } });
    expect(latest().sent).toEqual([]);
  });

  it('passes events to listeners and ignores messages outside the protocol', () => {
    const { latest, transport, warnings } = setup();
    const seen: string[] = [];
    transport.onEvent((event) => seen.push(event));
    latest().handlers.onOpen();
    reply(latest(), { type: 'event', event: 'alerts.changed', payload: [] });
    latest().handlers.onText('not json');
    reply(latest(), { type: 'hello' });
    expect(seen).toEqual(['alerts.changed']);
    expect(warnings).toHaveLength(2);
  });

  it('times out a call the core never answers', async () => {
    const { latest, transport, clock } = setup();
    latest().handlers.onOpen();
    const answer = transport.call('alerts.list', {});
    clock.advance(20_000);
    const result = await answer;
    expect(!result.ok && result.error.message).toContain('did not answer');
  });
});
