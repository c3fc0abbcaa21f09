/**
 * The offers engine's entry points for callers that hold only a database: `recommendOffers` and `idleOffers`.
 * Without an `engine` they build the store-wide model for this one call (fine for a small store or a test); the
 * product passes its long-lived OfferEngine so the model is built once and reused.
 */
import type { Offer } from '../../contract/dto.js';
import type { ReadableDb } from '../store/database.js';
import { OfferEngine } from './engine.js';
import type { OfferTuning } from './model.js';
import type { Audience } from './rules.js';

export { OfferEngine, reasonText } from './engine.js';
export { buildOfferModel, DEFAULT_OFFER_TUNING, type OfferModel, type OfferTuning } from './model.js';
export { rankOffers, type OfferReason, type RankedOffer } from './rank.js';
export { Audience as AudienceSchema, type Campaign, type OfferRules } from './rules.js';
export { readOfferSettings, writeOfferSettings, OFFER_SETTING_KEYS, type OfferSettings } from './offer-settings.js';

export interface OfferOptions {
  /** Milliseconds since the epoch; purchases after it are ignored. */
  readonly now: number;
  /** How many offers to return at most. */
  readonly k?: number;
  readonly tuning?: OfferTuning;
  /** A long-lived engine (its cached model is reused); one is made for this call when absent. */
  readonly engine?: OfferEngine;
  /** Estimated age band / gender; used only when a manager switched demographic targeting on. */
  readonly audience?: Audience;
}

/** Up to k (default 3) offers for one customer, each with a short honest reason. */
export function recommendOffers(db: ReadableDb, customerId: string, options: OfferOptions): Offer[] {
  const engine = options.engine ?? new OfferEngine(db, { tuning: options.tuning });
  return engine.recommend(customerId, { now: options.now, k: options.k ?? 3, audience: options.audience });
}

/** Offers for the idle screen (default 8): the store's featured products, then popular ones. */
export function idleOffers(db: ReadableDb, options: Omit<OfferOptions, 'audience'>): Offer[] {
  const engine = options.engine ?? new OfferEngine(db, { tuning: options.tuning });
  return engine.idle({ now: options.now, k: options.k ?? 8 });
}
