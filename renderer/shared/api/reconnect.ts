/**
 * Runs `reload` every time a connection comes back after being down. Events sent while a window was cut off
 * are lost, so each window re-reads its state from the core instead of trusting what it last saw.
 */
import type { ConnectionStatus } from './connection.js';
import type { Observable } from './observable.js';

export function onReconnected(connection: Observable<ConnectionStatus>, reload: () => void): () => void {
  let wasDown = connection.get().state === 'disconnected';
  return connection.subscribe(() => {
    const state = connection.get().state;
    if (state === 'disconnected') wasDown = true;
    else if (state === 'connected' && wasDown) {
      wasDown = false;
      reload();
    }
  });
}
