/**
 * Builds `window.kiosk` for one role. A command the role may not call is refused here, without an IPC
 * round trip (main refuses it again); events are filtered to the ones the role receives. The page gets
 * only `role`, `call` and `onEvent`: never ipcRenderer, never the IPC event object.
 * No electron import, so the factory is unit-tested with a fake IPC in plain Node.
 */
import { commandsFor, EVENT_NAMES, IPC_CHANNELS, receives, type Role } from '../contract/access.js';
import type { CommandsOf, EventsOf, KioskBridge } from '../contract/bridge.js';
import type { CommandInput, CommandOutput } from '../contract/commands.js';
import { ERROR_CODES, fail, type Result } from '../contract/result.js';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of ipcRenderer the bridge uses. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The answer from main, checked for the Result shape before the page sees it. */
function asResult(value: unknown): Result<unknown> {
  if (isRecord(value)) {
    if (value.ok === true) return { ok: true, value: value.value };
    const error = value.error;
    if (
      value.ok === false &&
      isRecord(error) &&
      typeof error.code === 'string' &&
      (ERROR_CODES as readonly string[]).includes(error.code) &&
      typeof error.message === 'string'
    ) {
      return value as Result<unknown>;
    }
  }
  return fail('internal', 'The kiosk sent an answer this window does not understand. Please try again.');
}

function isEventOf<R extends Role>(role: R, name: unknown): name is EventsOf<R> {
  return (
    typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name) && receives(role, name as EventsOf<R>)
  );
}

export function createBridge<R extends Role>(role: R, ipc: PreloadIpc): KioskBridge<R> {
  const allowed: ReadonlySet<string> = new Set(commandsFor(role));
  return {
    role,
    async call<K extends CommandsOf<R>>(command: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
      if (typeof command !== 'string' || !allowed.has(command)) {
        return fail('forbidden', `The ${role} window may not call "${String(command).slice(0, 100)}".`);
      }
      try {
        // Main checks the payload against the contract; the cast only names the type that check guarantees.
        return asResult(await ipc.invoke(IPC_CHANNELS.call, command, input)) as Result<CommandOutput<K>>;
      } catch {
        return fail('unavailable', 'The kiosk did not answer. Please try again in a moment.');
      }
    },
    onEvent(listener) {
      const handler: IpcListener = (_event, name, payload) => {
        if (isEventOf(role, name)) listener(name, payload);
      };
      ipc.on(IPC_CHANNELS.event, handler);
      return () => {
        ipc.removeListener(IPC_CHANNELS.event, handler);
      };
    },
  };
}
