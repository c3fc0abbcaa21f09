/**
 * What happens when the recognition pipeline decides that an enrolled customer is at the entrance: one
 * transaction records the visit (with their open order), and only after it commits do the customer display and
 * the staff board hear about it (so no window ever shows a visit the database does not have).
 */
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import type { Recognition } from '../recognition/recognition-pipeline.js';
import { currentConsent } from '../store/consents.js';
import { getCustomer } from '../store/customers.js';
import type { WritableDb } from '../store/database.js';
import { latestOpenOrder } from '../store/orders.js';
import { lastVisit, recordVisit } from '../store/visits.js';
import { listAlerts } from './alerts.js';
import type { DisplayService } from './display-service.js';

export interface ArrivalOptions {
  /** A customer recognised again within this time is the same visit: no second alert. */
  readonly revisitCooldownMs: number;
}

export const DEFAULT_ARRIVALS: ArrivalOptions = { revisitCooldownMs: 5 * 60 * 1000 };

export class Arrivals {
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
        return { customer, visit: null, order: latestOpenOrder(this.db, customerId), previousVisitId: previous.id };
      }
      const order = latestOpenOrder(this.db, customerId);
      const visit = recordVisit(this.db, this.clock, { customerId, cameraId, score, orderId: order?.id ?? null });
      return { customer, visit, order, previousVisitId: null };
    })();
    if (!outcome) {
      this.logger.warn('recognised a customer without current consent; ignored', { cameraId });
      return;
    }
    const visitId = outcome.visit?.id ?? outcome.previousVisitId;
    if (visitId === null) return;
    this.logger.info('customer arrived', {
      visitId,
      cameraId,
      score: Number(score.toFixed(3)),
      repeat: outcome.visit === null,
    });
    this.display.greet({ visitId, customerId, firstName: outcome.customer.firstName, order: outcome.order });
    if (outcome.visit) this.events.emit('alerts.changed', listAlerts(this.db, this.clock));
  }
}
