/** What the client needs from a way of reaching the core (Electron IPC or a WebSocket). */
import type { Result } from '../../../electron/contract/result.js';
import type { ConnectionStatus } from './connection.js';
import type { Observable } from './observable.js';

export interface Transport {
  /** Never rejects: every failure, including a lost connection, is a Result error. */
  call(command: string, payload: unknown): Promise<Result<unknown>>;
  /** Raw events as they arrive; the client validates them before any listener sees them. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  readonly connection: Observable<ConnectionStatus>;
  /** Try to reach the core now instead of waiting for the next scheduled retry. */
  reconnectNow(): void;
  close(): void;
}

/** Timers passed in so tests can drive time by hand. */
export interface Scheduler {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
