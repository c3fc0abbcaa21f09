/**
 * The one way a window talks to the core: `createKioskClient(role)`. Inside Electron it wraps the preload's
 * `window.kiosk`; in browser mode it speaks the WebSocket protocol. Either way the window gets the typed
 * KioskBridge surface, validated events, and a connection status to show.
 */
import type { EventName, Role } from '../../../electron/contract/access.js';
import type { CommandsOf, EventsOf, KioskBridge } from '../../../electron/contract/bridge.js';
import { COMMANDS, type CommandInput, type CommandOutput } from '../../../electron/contract/commands.js';
import type { EventPayload } from '../../../electron/contract/events.js';
import type { Result } from '../../../electron/contract/result.js';
import { wsPath } from '../../../electron/contract/wire.js';
import { openBrowserSocket } from './browser-socket.js';
import type { ConnectionStatus } from './connection.js';
import { createIpcTransport } from './ipc-transport.js';
import type { Observable } from './observable.js';
import type { Scheduler, Transport } from './transport.js';
import { validateEvent } from './validate-event.js';
import { createWsTransport } from './ws-transport.js';

export interface KioskClient<R extends Role> extends KioskBridge<R> {
  readonly connection: Observable<ConnectionStatus>;
  /** Listen to one event with its payload already validated and typed. */
  on<K extends EventsOf<R>>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  reconnectNow(): void;
  close(): void;
}

const browserScheduler: Scheduler = {
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

function isBridgeFor<R extends Role>(value: unknown, role: R): value is KioskBridge<R> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return candidate.role === role && typeof candidate.call === 'function' && typeof candidate.onEvent === 'function';
}

function browserTransport(role: Role): Transport {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createWsTransport({
    url: `${scheme}://${location.host}${wsPath(role)}`,
    openSocket: openBrowserSocket,
    scheduler: browserScheduler,
    random: Math.random,
    warn: (message) => console.warn(`[kiosk ${role}] ${message}`),
    ...(role === 'capture' ? { binaryCommand: 'camera.pushFrame' } : {}),
  });
  // Don't wait out the backoff when the machine tells us the network or the page is back.
  window.addEventListener('online', () => transport.reconnectNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') transport.reconnectNow();
  });
  return transport;
}

export function createKioskClient<R extends Role>(role: R): KioskClient<R> {
  const preload: unknown = (window as unknown as { kiosk?: unknown }).kiosk;
  const transport = isBridgeFor(preload, role) ? createIpcTransport(preload, browserScheduler) : browserTransport(role);
  const listeners = new Set<(event: EventName, payload: unknown) => void>();

  transport.onEvent((event, payload) => {
    const check = validateEvent(role, event, payload);
    if (!check.ok) {
      console.warn(`[kiosk ${role}] dropped an event: ${check.reason}`);
      return;
    }
    for (const listener of [...listeners]) listener(check.event, check.payload);
  });

  async function call<K extends CommandsOf<R>>(command: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
    const result = await transport.call(command, input);
    if (!result.ok) return result;
    const parsed = COMMANDS[command].output.safeParse(result.value);
    if (!parsed.success) {
      console.warn(`[kiosk ${role}] unexpected answer to "${command}"`, parsed.error.issues);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The core sent an answer to "${command}" this window does not understand.`,
        },
      };
    }
    // The schema for K produced this value, so it has K's output type; TypeScript cannot correlate the two.
    return { ok: true, value: parsed.data as CommandOutput<K> };
  }

  function onEvent(listener: (event: EventsOf<R>, payload: unknown) => void): () => void {
    // validateEvent only lets through events this role receives, which is exactly EventsOf<R>.
    const wrapped = listener as (event: EventName, payload: unknown) => void;
    listeners.add(wrapped);
    return () => {
      listeners.delete(wrapped);
    };
  }

  return {
    role,
    connection: transport.connection,
    call,
    onEvent,
    on(event, listener) {
      return onEvent((name, payload) => {
        // The payload was parsed by EVENTS[name], and name === event here.
        if (name === event) listener(payload as EventPayload<typeof event>);
      });
    },
    reconnectNow: () => transport.reconnectNow(),
    close: () => transport.close(),
  };
}
