/**
 * What the rest of the core does after a message from the chain committed: the staff board and display hear
 * about new or cancelled orders, the face gallery loads an enrolment from another store or forgets an erased
 * customer, the idle loop re-reads the catalogue and campaigns. The database already holds the truth; this only
 * brings in-memory state and the windows up to date.
 */
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Gallery } from '../matching/gallery.js';
import type { RecognitionPipeline } from '../recognition/recognition-pipeline.js';
import { listAlerts } from '../services/alerts.js';
import type { DisplayService } from '../services/display-service.js';
import type { ReadableDb } from '../store/database.js';
import { listOpenOrders } from '../store/orders.js';
import { loadTemplates } from '../store/templates.js';
import type { SyncEffects } from './apply-result.js';

export interface CoreEffectDeps {
  readonly db: ReadableDb;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly display: DisplayService;
  /** Null until the face models have loaded (they read the database when they do). */
  readonly vision: () => { gallery: Gallery; pipeline: RecognitionPipeline; engine: { modelId: string } } | null;
  /** After an erasure: reach copies outside the database (for example the cloud collection). */
  readonly onErased?: (customerId: string) => void;
}

export function applySyncEffects(deps: CoreEffectDeps, effects: SyncEffects): void {
  const { db, clock, events, display } = deps;
  const vision = deps.vision();
  for (const customerId of effects.erased) {
    vision?.gallery.removePerson(customerId);
    vision?.pipeline.forget(customerId);
    display.customerErased(customerId);
    deps.onErased?.(customerId);
  }
  if (vision && effects.enrolled.length > 0) {
    const wanted = new Set(effects.enrolled);
    const byPerson = new Map<string, Float32Array[]>();
    for (const template of loadTemplates(db, vision.engine.modelId)) {
      if (!wanted.has(template.customerId)) continue;
      byPerson.set(template.customerId, [...(byPerson.get(template.customerId) ?? []), template.embedding]);
    }
    for (const customerId of wanted) vision.gallery.replacePerson(customerId, byPerson.get(customerId) ?? []);
    vision.pipeline.galleryChanged();
  }
  if (effects.erased.length > 0 || effects.enrolled.length > 0) events.emit('customers.changed', {});
  if (effects.ordersChanged || effects.erased.length > 0) {
    events.emit('orders.changed', listOpenOrders(db));
    events.emit('alerts.changed', listAlerts(db, clock));
  }
  if (effects.catalogueChanged || effects.campaignsChanged) display.refreshIdle();
}
