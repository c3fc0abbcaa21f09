/**
 * Runs the core in a child process (Electron's utilityProcess, dist/electron/core-host.cjs) and talks to
 * it with the host protocol: start, calls by id, events, shutdown. If the process dies unexpectedly it
 * is restarted, within the restart policy's cap; after that the shell is told to give up.
 *
 * The process is created through an injected `fork`, so this module has no runtime electron import and
 * its restart and pending-call rules are tested in plain Node.
 */
import type { EventName, Role } from '../contract/access.js';
import { fail, type Result } from '../contract/result.js';
import type { Logger } from '../core/logger.js';
import type { HostStartOptions, MainToCore } from '../core/host-protocol.js';
import { parseCoreMessage } from './core-messages.js';
import type { RestartPolicy } from './restart-policy.js';

/** What this module needs of a child process (main adapts Electron's UtilityProcess to it). */
export interface CoreChild {
  postMessage(message: MainToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface CoreProcessDeps {
  fork(): CoreChild;
  readonly start: HostStartOptions;
  readonly policy: RestartPolicy;
  readonly logger: Logger;
  onEvent(event: EventName, payload: unknown): void;
  /** The core could not start (bad camera spec, unreadable database, ...): a sentence for a person. */
  onFailed(message: string): void;
  /** The core kept dying; the restart cap was reached. */
  onGaveUp(message: string): void;
}

export type StartOutcome =
  | { readonly ok: true; readonly storeName: string }
  | { readonly ok: false; readonly message: string };

export interface CoreProcess {
  /** Starts the first core process; resolves when it is ready or has failed. */
  start(): Promise<StartOutcome>;
  call(role: Role, connectionId: string, command: string, payload: unknown): Promise<Result<unknown>>;
  disconnect(connectionId: string): void;
  /** Asks the core to close cleanly; kills it when it has not exited after `timeoutMs`. */
  shutdown(timeoutMs: number): Promise<void>;
}

type State = 'idle' | 'starting' | 'ready' | 'failed' | 'gave-up' | 'stopping' | 'stopped';

export function createCoreProcess(deps: CoreProcessDeps): CoreProcess {
  let state: State = 'idle';
  let child: CoreChild | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let firstStart: ((outcome: StartOutcome) => void) | null = null;
  let exited: (() => void) | null = null;

  const settleAll = (message: string): void => {
    for (const resolve of pending.values()) resolve(fail('unavailable', message));
    pending.clear();
  };

  const spawn = (): void => {
    state = 'starting';
    const current = deps.fork();
    child = current;
    current.onMessage((raw) => {
      if (child !== current) return;
      const message = parseCoreMessage(raw);
      if (message === null) {
        deps.logger.warn('dropped a malformed message from the core process');
        return;
      }
      switch (message.type) {
        case 'ready':
          state = 'ready';
          deps.logger.info('core ready', { storeName: message.storeName });
          firstStart?.({ ok: true, storeName: message.storeName });
          firstStart = null;
          break;
        case 'failed':
          // A start failure is not a crash: starting again would fail the same way.
          state = 'failed';
          deps.logger.error('core failed to start', { message: message.message });
          current.kill();
          if (firstStart !== null) {
            firstStart({ ok: false, message: message.message });
            firstStart = null;
          } else {
            deps.onFailed(message.message);
          }
          break;
        case 'result': {
          const resolve = pending.get(message.id);
          pending.delete(message.id);
          resolve?.(message.result);
          break;
        }
        case 'event':
          deps.onEvent(message.event, message.payload);
          break;
      }
    });
    current.onExit((code) => {
      if (child !== current) return;
      child = null;
      settleAll('The kiosk core stopped while handling this request. Please try again in a moment.');
      if (state === 'stopping' || state === 'failed') {
        if (state === 'stopping') state = 'stopped';
        exited?.();
        return;
      }
      deps.logger.error('core process exited unexpectedly', { code });
      const decision = deps.policy.onUnexpectedExit();
      if (decision.action === 'restart') {
        deps.logger.warn('restarting the core process', { attempt: decision.attempt });
        spawn();
        return;
      }
      state = 'gave-up';
      const message =
        `The kiosk's core process stopped ${decision.restarts + 1} times in a short while (last exit code ${code}), ` +
        'so it was not restarted again. Restart the app; if this keeps happening, send the log to support.';
      if (firstStart !== null) {
        firstStart({ ok: false, message });
        firstStart = null;
      } else {
        deps.onGaveUp(message);
      }
    });
    current.postMessage({ type: 'start', options: deps.start });
  };

  return {
    start() {
      if (state !== 'idle') return Promise.reject(new Error('The core process was already started.'));
      const outcome = new Promise<StartOutcome>((resolve) => {
        firstStart = resolve;
      });
      spawn();
      return outcome;
    },
    call(role, connectionId, command, payload) {
      if (state !== 'ready' || child === null) {
        return Promise.resolve(
          fail('unavailable', 'The kiosk core is starting or restarting. Please try again in a moment.'),
        );
      }
      const id = nextId;
      nextId += 1;
      const target = child;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        try {
          target.postMessage({ type: 'call', id, role, connectionId, command, payload });
        } catch {
          // Structured clone refused the payload (a function, a DOM object...): the caller sent garbage.
          pending.delete(id);
          resolve(fail('invalid_payload', `The input for "${command.slice(0, 100)}" could not be sent to the core.`));
        }
      });
    },
    disconnect(connectionId) {
      if (state === 'ready') child?.postMessage({ type: 'disconnect', connectionId });
    },
    shutdown(timeoutMs) {
      const current = child;
      if (current === null) {
        state = 'stopped';
        return Promise.resolve();
      }
      state = 'stopping';
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          deps.logger.warn('the core did not exit in time; killing it', { timeoutMs });
          current.kill();
          resolve();
        }, timeoutMs);
        exited = () => {
          clearTimeout(timer);
          resolve();
        };
        current.postMessage({ type: 'shutdown' });
      });
    },
  };
}
