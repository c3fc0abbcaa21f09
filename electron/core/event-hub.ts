/**
 * The core's event bus towards the windows. Payloads are typed by the contract; listeners are the hosts
 * (browser-mode server, Electron utility host), which route each event to the roles in EVENT_AUDIENCE.
 */
import type { EventName } from '../contract/access.js';
import type { EventPayload } from '../contract/events.js';
import type { EventListener } from './core-api.js';
import type { Logger } from './logger.js';

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly logger: Logger) {}

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken window connection must not stop the others from hearing about it.
        this.logger.warn('event listener failed', {
          event,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
