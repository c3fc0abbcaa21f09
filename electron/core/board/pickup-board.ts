/**
 * The pickup board as a service: what the staff windows' commands do. Every action is one transaction with the
 * clerk's name, and only after it commits do the windows hear about it (all staff windows get the same
 * `alerts.changed` / `orders.changed`, so a counter and a back room never disagree) and the customer display
 * follow it.
 *
 * "Not her" is handed to `onMatchRejected` listeners: the vision engine's rejection handling hooks in there
 * (create-core wires it; the listener gets the visit, the customer the match named, and the camera and track it
 * came from when still known).
 */
import type { BoardConfig, HistoryTicket, Order } from '../../contract/dto.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import { dismissAlert, listAlerts } from '../services/alerts.js';
import type { DisplayService } from '../services/display-service.js';
import { appendAudit } from '../store/audit.js';
import type { WritableDb } from '../store/database.js';
import { listOpenOrders } from '../store/orders.js';
import { readBoardConfig, saveBoardConfig, storeTimeZone } from './board-config.js';
import { todaysTickets } from './history.js';
import { reviewMatch } from './match-review.js';
import { bumpOrder, recallOrder } from './order-bumps.js';

export interface MatchRejection {
  readonly visitId: number;
  /** The enrolled customer the recognition named (wrongly, says the clerk). */
  readonly customerId: string;
  readonly cameraId: string;
  /** The pipeline's track for that person, when the arrival is still remembered (null after a restart). */
  readonly trackId: number | null;
  readonly clerk: string;
}

export type MatchRejectedListener = (rejection: MatchRejection) => void;

export interface PickupBoardDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly display: DisplayService;
  readonly logger: Logger;
  /** The track a visit was recognised on, if the arrival is still remembered. */
  readonly trackOf?: (visitId: number) => number | null;
}

export class PickupBoard {
  private readonly rejectedListeners = new Set<MatchRejectedListener>();

  constructor(private readonly deps: PickupBoardDeps) {}

  config(): BoardConfig {
    return readBoardConfig(this.deps.db);
  }

  saveConfig(config: BoardConfig, manager: string): BoardConfig {
    const { db, clock, events } = this.deps;
    const saved = db.transaction(() => {
      const next = saveBoardConfig(db, config);
      appendAudit(db, clock, { actor: manager, action: 'board.saveConfig', details: { ...next } });
      return next;
    })();
    events.emit('board.config', saved);
    return saved;
  }

  /** "Is this Anna K.?" answered by a clerk. */
  confirm(visitId: number, confirmed: boolean, clerk: string): { match: 'confirmed' | 'rejected' } {
    const { db, clock, display, logger } = this.deps;
    const reviewed = reviewMatch(db, clock, visitId, confirmed, clerk);
    if (reviewed.changed) {
      logger.info('match reviewed', { visitId, match: reviewed.match });
      if (reviewed.match === 'confirmed') {
        display.matchConfirmed(visitId);
      } else {
        display.matchRejected(visitId);
        const rejection: MatchRejection = {
          visitId,
          customerId: reviewed.customerId,
          cameraId: reviewed.cameraId,
          trackId: this.deps.trackOf?.(visitId) ?? null,
          clerk,
        };
        for (const listener of this.rejectedListeners) {
          try {
            listener(rejection);
          } catch (error) {
            // The clerk's answer is recorded whatever a listener does with it.
            logger.warn('a match-rejected listener failed', { error: String(error) });
          }
        }
      }
      this.publishAlerts();
    }
    return { match: reviewed.match };
  }

  onMatchRejected(listener: MatchRejectedListener): () => void {
    this.rejectedListeners.add(listener);
    return () => this.rejectedListeners.delete(listener);
  }

  bump(orderId: number, to: 'ready' | 'collected', clerk: string): Order {
    const order = bumpOrder(this.deps.db, this.deps.clock, orderId, to, clerk);
    this.orderMoved(order);
    return order;
  }

  recall(orderId: number, from: 'ready' | 'collected', clerk: string): Order {
    const order = recallOrder(this.deps.db, this.deps.clock, orderId, from, clerk);
    this.deps.logger.info('order recalled', { orderId, from, to: order.status });
    this.orderMoved(order);
    return order;
  }

  dismiss(visitId: number, clerk: string | null): void {
    dismissAlert(this.deps.db, this.deps.clock, visitId, clerk);
    this.publishAlerts();
  }

  history(): HistoryTicket[] {
    return todaysTickets(this.deps.db, this.deps.clock, storeTimeZone(this.deps.db));
  }

  private orderMoved(order: Order): void {
    this.deps.display.orderChanged(order);
    this.deps.events.emit('orders.changed', listOpenOrders(this.deps.db));
    this.publishAlerts();
  }

  private publishAlerts(): void {
    this.deps.events.emit('alerts.changed', listAlerts(this.deps.db, this.deps.clock));
  }
}
