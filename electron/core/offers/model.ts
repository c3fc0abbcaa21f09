/**
 * The store-wide part of the offers engine, learnt from receipts: how many baskets each item is in, which items
 * are bought together more often than chance (item-to-item neighbours with lift), and what is popular lately.
 * Pure data in, pure data out: built the same way from SQLite rows (the product) and from CSV files (the eval).
 */
import { DAY_MS, type PurchaseLine } from './purchase-line.js';

/** How item-to-item similarity is measured between two items bought in the same baskets. */
export type Similarity = 'cosine' | 'lift' | 'confidence';

/** Tuning of the engine. Defaults were chosen on an earlier split inside the training data (see eval:offers). */
export interface OfferTuning {
  /** A purchase this many days old counts half as much as one today (the customer's own repeat purchases). */
  readonly halfLifeDays: number;
  /** Receipts of the whole store considered for "bought together". */
  readonly pairingWindowDays: number;
  /** A pair must appear together in at least this many receipts to be trusted. */
  readonly minPairBaskets: number;
  /** A pair must appear together at least this many times more often than chance (lift) to be a neighbour. */
  readonly minLift: number;
  /** How neighbours are ranked once they pass the support and lift gates. */
  readonly similarity: Similarity;
  /** Neighbours kept per item (the rest never matter for a top-k list and cost time per request). */
  readonly neighbours: number;
  /**
   * Baskets with more distinct items than this are not used for "bought together": a wholesaler's 500-line order
   * says little about which two items go together, and its pairs cost quadratic time.
   */
  readonly maxBasketItems: number;
  /** Receipts considered for "popular in our store". */
  readonly popularWindowDays: number;
  /** Weight of "bought together" against the customer's own (recency-weighted, max-normalised) repeat purchases. */
  readonly pairingWeight: number;
  /** Weight of store popularity in everyone's ranking (customers with little history are ranked mostly by it). */
  readonly popularWeight: number;
  /** The customer's strongest items used as anchors for "bought together". */
  readonly anchors: number;
  /**
   * How much an item's store-wide repurchase rate (share of its buyers who bought it again) scales the customer's
   * own repeat score: 0 = not at all, 1 = proportionally. Some items are bought again and again, others once.
   */
  readonly repurchaseExponent: number;
  /**
   * Places kept for something the customer has not bought yet ("goes well with …") when the receipts support one;
   * trades a little hit rate for discovery.
   */
  readonly discoverySlots: number;
}

// Chosen on the Online Retail data with train before 2011-04-01 and validation 2011-04-01..2011-06-30 (the
// evaluation's test part, from 2011-07-01, was never looked at): repeat purchases dominate hit rate there, a long
// half-life and the item's repurchase rate help a little, "bought together" helps only as a small tie-breaker.
export const DEFAULT_OFFER_TUNING: OfferTuning = {
  halfLifeDays: 120,
  pairingWindowDays: 365,
  minPairBaskets: 3,
  minLift: 1.5,
  similarity: 'cosine',
  neighbours: 40,
  maxBasketItems: 100,
  popularWindowDays: 60,
  pairingWeight: 0.02,
  popularWeight: 0.2,
  anchors: 20,
  repurchaseExponent: 0.5,
  discoverySlots: 0,
};

/** One item's neighbour: an item bought with it more often than chance. */
export interface Neighbour {
  readonly item: string;
  /** Ranking score under the chosen similarity. */
  readonly similarity: number;
  /** How many times more often than chance the two are in one basket. */
  readonly lift: number;
  /** Baskets containing both. */
  readonly together: number;
}

export interface OfferModel {
  /** The time the model describes (lines after it were ignored). */
  readonly now: number;
  readonly tuning: OfferTuning;
  /** Baskets in the pairing window. */
  readonly baskets: number;
  /** Baskets each item is in (pairing window). */
  readonly basketCount: ReadonlyMap<string, number>;
  /** Each item's neighbours, best first. */
  readonly neighbours: ReadonlyMap<string, readonly Neighbour[]>;
  /** Share of an item's customers who bought it on two or more receipts (smoothed towards the store's mean). */
  readonly repurchaseRate: ReadonlyMap<string, number>;
  /** Items by recent popularity (distinct customers, anonymous baskets counted once each), most first. */
  readonly popular: readonly { readonly item: string; readonly score: number }[];
}

/** Interns item ids to small integers so the pair counts can live in numeric maps. */
function interner(): { id(item: string): number; items: string[] } {
  const ids = new Map<string, number>();
  const items: string[] = [];
  return {
    id(item) {
      let id = ids.get(item);
      if (id === undefined) {
        id = items.length;
        ids.set(item, id);
        items.push(item);
      }
      return id;
    },
    items,
  };
}

function similarityOf(kind: Similarity, together: number, countA: number, countB: number, baskets: number): number {
  switch (kind) {
    case 'cosine':
      return together / Math.sqrt(countA * countB);
    case 'lift':
      return (together * baskets) / (countA * countB);
    case 'confidence':
      return together / countA;
  }
}

/** Builds the store-wide model from receipt lines at or before `now`. */
export function buildOfferModel(
  lines: Iterable<PurchaseLine>,
  options: { readonly now: number; readonly tuning?: OfferTuning },
): OfferModel {
  const tuning = options.tuning ?? DEFAULT_OFFER_TUNING;
  const now = options.now;
  const pairingSince = now - tuning.pairingWindowDays * DAY_MS;
  const popularSince = now - tuning.popularWindowDays * DAY_MS;
  const names = interner();
  const basketItems = new Map<string, Set<number>>();
  // Popularity counts people, not lines: one wholesaler's hundred orders of an item must not outweigh the store.
  const popularBuyers = new Map<number, Set<string>>();
  const popularBaskets = new Map<number, Set<string>>();
  // customer -> item -> receipts, for the repurchase rate.
  const receiptsOf = new Map<string, Map<number, Set<string>>>();

  for (const line of lines) {
    if (line.at > now) continue;
    const item = names.id(line.item);
    if (line.at >= pairingSince) {
      let set = basketItems.get(line.basket);
      if (set === undefined) basketItems.set(line.basket, (set = new Set()));
      set.add(item);
    }
    if (line.customer !== null) {
      let mine = receiptsOf.get(line.customer);
      if (mine === undefined) receiptsOf.set(line.customer, (mine = new Map()));
      let receipts = mine.get(item);
      if (receipts === undefined) mine.set(item, (receipts = new Set()));
      receipts.add(line.basket);
    }
    if (line.at >= popularSince) {
      let buyers = popularBuyers.get(item);
      if (buyers === undefined) popularBuyers.set(item, (buyers = new Set()));
      buyers.add(line.customer ?? `basket:${line.basket}`);
      let receipts = popularBaskets.get(item);
      if (receipts === undefined) popularBaskets.set(item, (receipts = new Set()));
      receipts.add(line.basket);
    }
  }

  const counts = new Float64Array(names.items.length);
  const pairs: Map<number, number>[] = names.items.map(() => new Map());
  for (const set of basketItems.values()) {
    const items = [...set];
    for (const a of items) counts[a] = (counts[a] ?? 0) + 1;
    if (items.length < 2 || items.length > tuning.maxBasketItems) continue;
    for (let i = 0; i < items.length; i += 1) {
      const a = items[i] as number;
      const row = pairs[a] as Map<number, number>;
      for (let j = 0; j < items.length; j += 1) {
        if (i === j) continue;
        const b = items[j] as number;
        row.set(b, (row.get(b) ?? 0) + 1);
      }
    }
  }

  const baskets = basketItems.size;
  const neighbours = new Map<string, Neighbour[]>();
  pairs.forEach((row, a) => {
    const countA = counts[a] ?? 0;
    const list: Neighbour[] = [];
    for (const [b, together] of row) {
      if (together < tuning.minPairBaskets) continue;
      const countB = counts[b] ?? 0;
      const lift = (together * baskets) / (countA * countB);
      if (lift < tuning.minLift) continue;
      const item = names.items[b] as string;
      list.push({
        item,
        similarity: similarityOf(tuning.similarity, together, countA, countB, baskets),
        lift,
        together,
      });
    }
    if (list.length === 0) return;
    list.sort((x, y) => y.similarity - x.similarity || (x.item < y.item ? -1 : 1));
    neighbours.set(names.items[a] as string, list.slice(0, tuning.neighbours));
  });

  const basketCount = new Map<string, number>();
  counts.forEach((n, a) => {
    if (n > 0) basketCount.set(names.items[a] as string, n);
  });
  // Ties in buyers are broken by receipts: a fraction below one buyer, so it never outranks a real buyer.
  let mostBaskets = 1;
  for (const b of popularBaskets.values()) mostBaskets = Math.max(mostBaskets, b.size);
  const popular = [...popularBuyers]
    .map(([item, buyers]) => ({
      item: names.items[item] as string,
      score: buyers.size + (popularBaskets.get(item)?.size ?? 0) / (mostBaskets + 1),
    }))
    .sort((x, y) => y.score - x.score || (x.item < y.item ? -1 : 1));

  const buyers = new Float64Array(names.items.length);
  const repeaters = new Float64Array(names.items.length);
  for (const mine of receiptsOf.values()) {
    for (const [item, receipts] of mine) {
      buyers[item] = (buyers[item] ?? 0) + 1;
      if (receipts.size >= 2) repeaters[item] = (repeaters[item] ?? 0) + 1;
    }
  }
  const totalBuyers = buyers.reduce((a, b) => a + b, 0);
  const meanRate = totalBuyers > 0 ? repeaters.reduce((a, b) => a + b, 0) / totalBuyers : 0;
  // Smoothing: an item with few buyers is assumed near the store's mean until its buyers say otherwise.
  const prior = 5;
  const repurchaseRate = new Map<string, number>();
  buyers.forEach((n, item) => {
    if (n > 0)
      repurchaseRate.set(names.items[item] as string, ((repeaters[item] ?? 0) + prior * meanRate) / (n + prior));
  });

  return { now, tuning, baskets, basketCount, neighbours, repurchaseRate, popular };
}
