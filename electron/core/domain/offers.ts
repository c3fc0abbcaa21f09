/**
 * Offers for the customer screen. The engine lives in ../offers/ (a pure core shared with the eval, plus its
 * SQLite adapter); this module keeps the original import path working for its callers.
 */
export {
  DEFAULT_OFFER_TUNING,
  idleOffers,
  recommendOffers,
  type OfferOptions,
  type OfferTuning,
} from '../offers/index.js';
