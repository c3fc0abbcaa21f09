/**
 * Browser-mode transport: the wire protocol of electron/contract/wire.ts over one WebSocket, with automatic
 * reconnect. Written against a small socket interface (no DOM types) so it is unit-tested in Node.
 *
 * Invariants: every call resolves exactly once (result, timeout, or lost connection); a call is never re-sent
 * after a reconnect, because it may already have run (advancing an order twice must not happen silently).
 *
 * Camera frames (the `binaryCommand`) go out as raw binary messages. The server answers a frame only when it
 * fails (`{type:'result', id:null}`), so a frame resolves as soon as it is handed to the socket, and a failure
 * the server reports is returned by the next frame. Frames are skipped while the socket's send buffer is full.
 */
import type { Result } from '../../../electron/contract/result.js';
import { ServerMessage } from '../../../electron/contract/wire.js';
import { reconnectDelayMs, type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { CONNECTED, CONNECTING, type ConnectionStatus } from './connection.js';
import { createObservable } from './observable.js';
import type { Scheduler, Transport } from './transport.js';

export interface SocketHandlers {
  onOpen(): void;
  /** A text message; binary messages from the server are not part of the protocol and are ignored. */
  onText(text: string): void;
  /** The socket closed or could not open; called once per socket. */
  onClose(): void;
}

export interface SocketHandle {
  send(data: string | Uint8Array): void;
  close(): void;
  /** Bytes queued but not yet sent. */
  bufferedAmount(): number;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

export interface WsTransportOptions {
  readonly url: string;
  readonly openSocket: SocketFactory;
  readonly scheduler: Scheduler;
  readonly random: () => number;
  readonly warn: (message: string) => void;
  /** The command sent as a raw binary message (its payload's `jpeg` bytes), e.g. 'camera.pushFrame' for capture. */
  readonly binaryCommand?: string;
  /** How long a call may wait for its result. */
  readonly callTimeoutMs?: number;
  /** Above this many unsent bytes a frame is skipped rather than queued (a queued frame is already stale). */
  readonly maxBufferedBytes?: number;
  readonly backoff?: BackoffOptions;
}

interface Pending {
  readonly command: string;
  readonly data: string | Uint8Array;
  sent: boolean;
  timer: unknown;
  readonly resolve: (result: Result<unknown>) => void;
}

function unavailable(message: string): Result<unknown> {
  return { ok: false, error: { code: 'unavailable', message } };
}

function binaryPayload(payload: unknown): Uint8Array | null {
  if (typeof payload !== 'object' || payload === null || !('jpeg' in payload)) return null;
  return payload.jpeg instanceof Uint8Array ? payload.jpeg : null;
}

export function createWsTransport(options: WsTransportOptions): Transport {
  const { scheduler } = options;
  const callTimeoutMs = options.callTimeoutMs ?? 20_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
  const connection = createObservable<ConnectionStatus>(CONNECTING);
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, Pending>();
  // The last failure the server reported for a frame, handed to the next frame's caller.
  let frameError: Result<unknown> | null = null;
  let nextId = 1;
  let socket: SocketHandle | null = null;
  let open = false;
  let failures = 0;
  let retryTimer: unknown = null;
  let closed = false;

  function settle(entry: Pending, result: Result<unknown>): void {
    scheduler.clearTimeout(entry.timer);
    entry.resolve(result);
  }

  function failEverything(reason: (command: string, sent: boolean) => string): void {
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) settle(entry, unavailable(reason(entry.command, entry.sent)));
  }

  function handleText(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      options.warn('Ignored a message from the core that is not JSON.');
      return;
    }
    const parsed = ServerMessage.safeParse(json);
    if (!parsed.success) {
      options.warn('Ignored a message from the core that does not follow the wire protocol.');
      return;
    }
    const message = parsed.data;
    if (message.type === 'event') {
      for (const listener of [...eventListeners]) listener(message.event, message.payload);
      return;
    }
    if (message.id === null) {
      // Only failures come without an id: a refused frame, or a message the server could not read.
      if (message.result.ok) return;
      if (options.binaryCommand !== undefined) frameError = message.result;
      else options.warn(`The core reported: ${message.result.error.message}`);
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    settle(entry, message.result);
  }

  function scheduleRetry(): void {
    if (closed || retryTimer !== null) return;
    const delay = reconnectDelayMs(failures, options.random, options.backoff ?? DEFAULT_BACKOFF);
    failures += 1;
    connection.set({
      state: 'disconnected',
      message: 'Cannot reach the kiosk core. Reconnecting automatically…',
      failures,
    });
    retryTimer = scheduler.setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (closed) return;
    if (connection.get().state !== 'disconnected') connection.set(CONNECTING);
    let alive = true;
    const own = options.openSocket(options.url, {
      onOpen() {
        if (!alive) return;
        open = true;
        failures = 0;
        connection.set(CONNECTED);
        for (const entry of pending.values()) {
          if (entry.sent) continue;
          entry.sent = true;
          own.send(entry.data);
        }
      },
      onText(text) {
        if (alive) handleText(text);
      },
      onClose() {
        if (!alive) return;
        alive = false;
        open = false;
        socket = null;
        failEverything((command, sent) =>
          sent
            ? `Lost the connection to the kiosk core while "${command}" was running; it may not have finished. Please check and try again.`
            : `Could not reach the kiosk core, so "${command}" was not sent. Please try again in a moment.`,
        );
        scheduleRetry();
      },
    });
    socket = own;
  }

  function sendFrame(bytes: Uint8Array): Result<unknown> {
    if (!open || socket === null) return unavailable('Not connected to the kiosk core; the frame was not sent.');
    if (socket.bufferedAmount() > maxBufferedBytes) return { ok: true, value: { accepted: false } };
    socket.send(bytes);
    const earlier = frameError;
    frameError = null;
    return earlier ?? { ok: true, value: { accepted: true } };
  }

  function sendCall(command: string, payload: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      if (connection.get().state === 'disconnected') {
        resolve(unavailable(`Not connected to the kiosk core, so "${command}" was not sent. Reconnecting…`));
        return;
      }
      const id = nextId++;
      const data = JSON.stringify({ type: 'call', id, command, payload: payload ?? {} });
      const entry: Pending = { command, data, sent: false, timer: null, resolve };
      pending.set(id, entry);
      entry.timer = scheduler.setTimeout(() => {
        if (!pending.delete(id)) return;
        resolve(unavailable(`The kiosk core did not answer "${command}" in time. Please try again.`));
      }, callTimeoutMs);
      // While connecting, the call waits in `pending` and is sent by onOpen.
      if (open && socket !== null) {
        entry.sent = true;
        socket.send(data);
      }
    });
  }

  connect();

  return {
    connection,
    call(command, payload) {
      if (command !== options.binaryCommand) return sendCall(command, payload);
      const bytes = binaryPayload(payload);
      if (bytes !== null) return Promise.resolve(sendFrame(bytes));
      return Promise.resolve({
        ok: false,
        error: { code: 'invalid_payload', message: `"${command}" needs { jpeg: Uint8Array }.` },
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    reconnectNow() {
      if (closed || open || retryTimer === null) return;
      scheduler.clearTimeout(retryTimer);
      retryTimer = null;
      connect();
    },
    close() {
      closed = true;
      if (retryTimer !== null) scheduler.clearTimeout(retryTimer);
      retryTimer = null;
      socket?.close();
      socket = null;
      open = false;
      failEverything((command) => `The connection was closed before "${command}" finished.`);
    },
  };
}
