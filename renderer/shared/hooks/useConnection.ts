/** The live connection status of a window's client, for the badge and the error banner. */
import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../api/connection.js';
import type { Observable } from '../api/observable.js';

export function useConnection(connection: Observable<ConnectionStatus>): ConnectionStatus {
  return useSyncExternalStore(connection.subscribe, connection.get);
}
