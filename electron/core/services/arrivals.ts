/**
 * What happens when the recognition pipeline decides that an enrolled customer is at the entrance: one
 * transaction records the visit (with their open order, and whether a clerk must confirm the match), and only
 * after it commits do the customer display and the staff board hear about it (so no window ever shows a visit
 * the database does not have).
 */
import { readBoardConfig } from '../board/board-config.js';
import { matchStatus, setMatchStatus } from '../board/match-review.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import type { Recognition } from '../recognition/recognition-pipeline.js';
import { currentConsent } from '../store/consents.js';
import { getCustomer } from '../store/customers.js';
import type { WritableDb } from '../store/database.js';
import { latestOpenOrder } from '../store/orders.js';
import { queueVisit } from '../sync/hooks.js';
import { lastVisit, recordVisit } from '../store/visits.js';
import { listAlerts } from './alerts.js';
import type { DisplayService } from './display-service.js';

export interface ArrivalOptions {
  /** A customer recognised again within this time is the same visit: no second alert. */
  readonly revisitCooldownMs: number;
}

export const DEFAULT_ARRIVALS: ArrivalOptions = { revisitCooldownMs: 5 * 60 * 1000 };

/** Arrivals remembered for "which track was that?" (the board's rejection hook); older ones are forgotten. */
const REMEMBERED_ARRIVALS = 200;

export class Arrivals {
  private readonly tracks = new Map<number, number>();

  constructor(
    private readonly db: WritableDb,
    private readonly clock: Clock,
    private readonly events: EventHub,
    private readonly display: DisplayService,
    private readonly logger: Logger,
    private readonly options: ArrivalOptions = DEFAULT_ARRIVALS,
  ) {}

  onRecognised(recognition: Recognition): void {
    const { customerId, cameraId, score } = recognition;
    const outcome = this.db.transaction(() => {
      const customer = getCustomer(this.db, customerId);
      // Consent is checked again at the moment of use: a withdrawal that raced the camera wins.
      if (!customer || !currentConsent(this.db, customerId)) return null;
      const previous = lastVisit(this.db, customerId);
      if (previous && this.clock.now() - Date.parse(previous.arrivedAt) < this.options.revisitCooldownMs) {
        const status = matchStatus(this.db, previous.id);
        // A clerk said "not her" moments ago: most likely the same stranger is still at the door.
        if (status === 'rejected') return { customer, visit: null, order: null, previousVisitId: null, status };
        return {
          customer,
          visit: null,
          order: latestOpenOrder(this.db, customerId),
          previousVisitId: previous.id,
          status,
        };
      }
      const order = latestOpenOrder(this.db, customerId);
      const visit = recordVisit(this.db, this.clock, { customerId, cameraId, score, orderId: order?.id ?? null });
      const status = readBoardConfig(this.db).confirmMatches ? 'pending' : 'auto';
      setMatchStatus(this.db, visit.id, status);
      // The chain hears about the visit in the same transaction (sync/outbox.ts).
      queueVisit(this.db, visit);
      return { customer, visit, order, previousVisitId: null, status };
    })();
    if (!outcome) {
      this.logger.warn('recognised a customer without current consent; ignored', { cameraId });
      return;
    }
    const visitId = outcome.visit?.id ?? outcome.previousVisitId;
    if (visitId === null) {
      this.logger.info('recognised again a match a clerk rejected; ignored', { cameraId });
      return;
    }
    this.remember(visitId, recognition.trackId);
    this.logger.info('customer arrived', {
      visitId,
      cameraId,
      score: Number(score.toFixed(3)),
      repeat: outcome.visit === null,
      match: outcome.status,
    });
    this.display.greet({
      visitId,
      customerId,
      firstName: outcome.customer.firstName,
      order: outcome.order,
      cameraId,
      trackId: recognition.trackId,
      confirmed: outcome.status === 'auto' || outcome.status === 'confirmed',
    });
    if (outcome.visit) this.events.emit('alerts.changed', listAlerts(this.db, this.clock));
  }

  /** The track a visit was last recognised on, while remembered. */
  trackOf(visitId: number): number | null {
    return this.tracks.get(visitId) ?? null;
  }

  private remember(visitId: number, trackId: number): void {
    this.tracks.delete(visitId);
    this.tracks.set(visitId, trackId);
    if (this.tracks.size > REMEMBERED_ARRIVALS) {
      const oldest = this.tracks.keys().next().value;
      if (oldest !== undefined) this.tracks.delete(oldest);
    }
  }
}
