/**
 * Electron transport: the preload's `window.kiosk`. IPC itself does not drop, but the core behind it can
 * (the utility process restarts); the main process then answers with `unavailable`. This turns those answers
 * into the same connection status the WebSocket transport reports, and probes until the core is back.
 */
import type { Role } from '../../../electron/contract/access.js';
import type { KioskBridge } from '../../../electron/contract/bridge.js';
import type { Result } from '../../../electron/contract/result.js';
import { CONNECTED, type ConnectionStatus } from './connection.js';
import { createObservable } from './observable.js';
import type { Scheduler, Transport } from './transport.js';

/** The preload's bridge seen loosely: the typed surface is restored by the client. */
interface LooseBridge {
  call(command: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

export function createIpcTransport<R extends Role>(
  bridge: KioskBridge<R>,
  scheduler: Scheduler,
  probeEveryMs = 3000,
): Transport {
  // KioskBridge's generic methods accept a subset of these arguments; the dispatcher validates everything again.
  const loose = bridge as unknown as LooseBridge;
  const connection = createObservable<ConnectionStatus>(CONNECTED);
  let probeTimer: unknown = null;
  let failures = 0;

  function observe(result: Result<unknown>): void {
    if (!result.ok && result.error.code === 'unavailable') {
      failures += 1;
      connection.set({ state: 'disconnected', message: `${result.error.message} Retrying automatically…`, failures });
      scheduleProbe();
    } else if (connection.get().state !== 'connected') {
      failures = 0;
      connection.set(CONNECTED);
    }
  }

  function scheduleProbe(): void {
    if (probeTimer !== null) return;
    probeTimer = scheduler.setTimeout(() => {
      probeTimer = null;
      void call('app.info', {});
    }, probeEveryMs);
  }

  async function call(command: string, payload: unknown): Promise<Result<unknown>> {
    let result: Result<unknown>;
    try {
      result = await loose.call(command, payload);
    } catch (error) {
      result = {
        ok: false,
        error: {
          code: 'unavailable',
          message: `Could not reach the kiosk core (${error instanceof Error ? error.message : String(error)}).`,
        },
      };
    }
    observe(result);
    return result;
  }

  return {
    connection,
    call,
    onEvent: (listener) => loose.onEvent(listener),
    reconnectNow() {
      if (connection.get().state === 'connected') return;
      if (probeTimer !== null) scheduler.clearTimeout(probeTimer);
      probeTimer = null;
      void call('app.info', {});
    },
    close() {
      if (probeTimer !== null) scheduler.clearTimeout(probeTimer);
      probeTimer = null;
    },
  };
}
