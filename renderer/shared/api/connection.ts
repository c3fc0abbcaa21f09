/** The connection between a window and the core, as every window shows it (badge + error banner). */

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** A sentence for a person when something is wrong, otherwise null. */
  readonly message: string | null;
  /** Failed attempts since the last successful connection (0 while connected). */
  readonly failures: number;
}

export const CONNECTING: ConnectionStatus = { state: 'connecting', message: null, failures: 0 };
export const CONNECTED: ConnectionStatus = { state: 'connected', message: null, failures: 0 };
