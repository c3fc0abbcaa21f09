/**
 * The offers engine as the product runs it: keeps the store-wide model built from the SQLite store (rebuilt when
 * receipts were added, at most once a minute, and at least hourly), reads one customer's history per request,
 * applies the manager's rules and live campaigns, and turns the ranking into Offer DTOs with honest reasons.
 * One instance per open database; it holds the cached model, so pass it around rather than rebuilding.
 */
import type { Offer } from '../../contract/dto.js';
import { systemTimeZone } from '../board/local-time.js';
import type { ReadableDb } from '../store/database.js';
import { productsById } from '../store/products.js';
import { buildOfferModel, DEFAULT_OFFER_TUNING, type OfferModel, type OfferTuning } from './model.js';
import { readOfferRules } from './offer-settings.js';
import { rankOffers, type RankedOffer } from './rank.js';
import { isOfferable, type Audience } from './rules.js';
import type { Campaign } from './rules.js';
import {
  loadLiveCampaigns,
  loadPurchaseLines,
  purchasesSignature,
  storeReader,
  type StoreReader,
} from './store-source.js';

/** Campaign schedules are minute-grained; reading them once per this many ms is plenty. */
const CAMPAIGN_CACHE_MS = 10_000;

export interface OfferEngineOptions {
  readonly tuning?: OfferTuning;
  /** The store's time zone for campaign day-parting (the machine's by default). */
  readonly timeZone?: () => string;
  /** New receipts make the model stale; it is rebuilt no more often than this. */
  readonly minRebuildMs?: number;
  /** The model is rebuilt at least this often even without new receipts (popularity windows move with time). */
  readonly maxModelAgeMs?: number;
}

export interface RecommendRequest {
  /** Milliseconds since the epoch. */
  readonly now: number;
  readonly k: number;
  /** Estimated age band / gender of the person in front; ignored unless a manager switched targeting on. */
  readonly audience?: Audience;
}

export class OfferEngine {
  private model: OfferModel | null = null;
  private signature = '';
  private readonly tuning: OfferTuning;
  private readonly timeZone: () => string;
  private readonly minRebuildMs: number;
  private readonly maxModelAgeMs: number;
  private readonly reader: StoreReader;
  private campaigns: { readonly bucket: number; readonly list: Campaign[] } | null = null;

  constructor(
    private readonly db: ReadableDb,
    options: OfferEngineOptions = {},
  ) {
    this.tuning = options.tuning ?? DEFAULT_OFFER_TUNING;
    this.timeZone = options.timeZone ?? systemTimeZone;
    this.minRebuildMs = options.minRebuildMs ?? 60_000;
    this.maxModelAgeMs = options.maxModelAgeMs ?? 60 * 60_000;
    this.reader = storeReader(db);
  }

  private liveCampaigns(now: number): Campaign[] {
    const bucket = Math.floor(now / CAMPAIGN_CACHE_MS);
    if (this.campaigns?.bucket !== bucket)
      this.campaigns = { bucket, list: loadLiveCampaigns(this.db, now, this.timeZone()) };
    return this.campaigns.list;
  }

  /** The store-wide model for `now`, rebuilt when stale. */
  modelFor(now: number): OfferModel {
    const signature = purchasesSignature(this.db);
    const model = this.model;
    const age = model === null ? Infinity : now - model.now;
    // A request for an earlier time than the model (a test, or the clock set back) must not see later receipts.
    const stale =
      model === null ||
      age < 0 ||
      age >= this.maxModelAgeMs ||
      (signature !== this.signature && age >= this.minRebuildMs);
    if (!stale) return model;
    const days = Math.max(this.tuning.pairingWindowDays, this.tuning.popularWindowDays);
    this.model = buildOfferModel(loadPurchaseLines(this.db, now, days), { now, tuning: this.tuning });
    this.signature = signature;
    return this.model;
  }

  /** Up to k offers for one customer. */
  recommend(customerId: string, request: RecommendRequest): Offer[] {
    if (request.k <= 0) return [];
    const model = this.modelFor(request.now);
    const ranked = rankOffers(model, this.reader.customerHistory(customerId, request.now), {
      now: request.now,
      k: request.k,
      rules: readOfferRules(this.db, this.reader),
      campaigns: this.liveCampaigns(request.now),
      audience: request.audience,
    });
    return this.toOffers(ranked);
  }

  /** Offers for the idle screen when nobody is greeted: featured products, then the store's favourites. */
  idle(request: Omit<RecommendRequest, 'audience'>): Offer[] {
    if (request.k <= 0) return [];
    const rules = readOfferRules(this.db, this.reader);
    const featured = this.db
      .prepare<[], string>('SELECT id FROM products WHERE active = 1 AND promoted = 1 ORDER BY name COLLATE NOCASE, id')
      .pluck()
      .all();
    const popular = this.modelFor(request.now).popular.map((p) => p.item);
    const chosen: RankedOffer[] = [];
    const add = (item: string, reason: RankedOffer['reason']) => {
      if (chosen.length < request.k && isOfferable(rules, item) && !chosen.some((c) => c.item === item))
        chosen.push({ item, score: 0, reason });
    };
    for (const item of featured) add(item, { kind: 'featured' });
    for (const item of popular) add(item, { kind: 'popular' });
    return this.toOffers(chosen);
  }

  private toOffers(ranked: readonly RankedOffer[]): Offer[] {
    const anchors = ranked.flatMap((r) => (r.reason.kind === 'pairing' ? [r.reason.anchor] : []));
    const products = productsById(this.db, [...ranked.map((r) => r.item), ...anchors]);
    const name = (id: string) => products.get(id)?.name ?? id;
    return ranked.flatMap((r) => {
      const product = products.get(r.item);
      return product === undefined ? [] : [{ product, reason: reasonText(r, name) }];
    });
  }
}

/** The short honest sentence the customer reads under the offer. */
export function reasonText(offer: RankedOffer, name: (id: string) => string): string {
  const reason = offer.reason;
  switch (reason.kind) {
    case 'repeat':
      return reason.baskets >= 3 ? `You often buy ${name(offer.item)}` : `You have bought ${name(offer.item)} before`;
    case 'pairing':
      return `Goes well with ${name(reason.anchor)}`;
    case 'campaign':
      return reason.title;
    case 'featured':
      return 'Featured in our store';
    case 'popular':
      return 'Popular in our store';
  }
}
