/**
 * Offers for the customer screen, each with a short honest reason the customer can check against their
 * own shopping: what they buy again and again (weighted by recency), what goes with those items in this
 * store's receipts (co-occurrence with lift), and what is popular here when there is little to go on.
 * Inactive products are never offered and never used as a reason.
 */
import type { Offer, Product } from '../../contract/dto.js';
import type { ReadableDb } from '../store/database.js';
import { productsById } from '../store/products.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Tuning of the recommender; the defaults suit a small neighbourhood store. */
export interface OfferTuning {
  /** A purchase this many days old counts half as much as one today. */
  readonly halfLifeDays: number;
  /** Receipts of the whole store considered for "goes well with". */
  readonly pairingWindowDays: number;
  /** A pair must appear together in at least this many receipts to be trusted. */
  readonly minPairReceipts: number;
  /** A pair must appear together this many times more often than chance. */
  readonly minLift: number;
  /** Receipts considered for "popular in our store". */
  readonly popularWindowDays: number;
}

export const DEFAULT_OFFER_TUNING: OfferTuning = {
  halfLifeDays: 30,
  pairingWindowDays: 365,
  minPairReceipts: 3,
  minLift: 1.5,
  popularWindowDays: 60,
};

export interface OfferOptions {
  /** Milliseconds since the epoch; purchases after it are ignored. */
  readonly now: number;
  /** How many offers to return at most. */
  readonly k?: number;
  readonly tuning?: OfferTuning;
}

interface Candidate {
  readonly productId: string;
  readonly score: number;
  readonly reason: string;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function activeProductIds(db: ReadableDb): Set<string> {
  return new Set(db.prepare<[], string>('SELECT id FROM products WHERE active = 1').pluck().all());
}

function productName(db: ReadableDb, id: string): string {
  const name: unknown = db.prepare('SELECT name FROM products WHERE id = ?').pluck().get(id);
  return typeof name === 'string' ? name : id;
}

interface RepeatItem {
  readonly productId: string;
  readonly receipts: number;
  /** Sum over receipts of 0.5^(age / half-life). */
  readonly weight: number;
}

/** The customer's active products with how often and how recently they bought them, strongest first. */
function repeatItems(
  db: ReadableDb,
  customerId: string,
  now: number,
  tuning: OfferTuning,
  active: Set<string>,
): RepeatItem[] {
  const rows = db
    .prepare<[string, string], { product_id: string; receipt_id: string; purchased_at: string }>(
      `SELECT DISTINCT product_id, receipt_id, purchased_at FROM purchases
       WHERE customer_id = ? AND purchased_at <= ?`,
    )
    .all(customerId, iso(now));
  const byProduct = new Map<string, { receipts: number; weight: number }>();
  for (const row of rows) {
    if (!active.has(row.product_id)) continue;
    const ageDays = Math.max(0, (now - Date.parse(row.purchased_at)) / DAY_MS);
    const entry = byProduct.get(row.product_id) ?? { receipts: 0, weight: 0 };
    entry.receipts += 1;
    entry.weight += 0.5 ** (ageDays / tuning.halfLifeDays);
    byProduct.set(row.product_id, entry);
  }
  return [...byProduct]
    .map(([productId, entry]) => ({ productId, ...entry }))
    .sort((a, b) => b.weight - a.weight || a.productId.localeCompare(b.productId));
}

/**
 * Products bought together with the anchors more often than chance across the store's receipts.
 * Score = anchor weight x (lift - 1) x confidence(anchor -> other), so a strong habit with a
 * reliable companion ranks first.
 */
function pairings(
  db: ReadableDb,
  anchors: readonly RepeatItem[],
  now: number,
  tuning: OfferTuning,
  active: Set<string>,
): Candidate[] {
  if (anchors.length === 0) return [];
  const window = { since: iso(now - tuning.pairingWindowDays * DAY_MS), now: iso(now) };
  const recent = `SELECT DISTINCT receipt_id, product_id FROM purchases WHERE purchased_at >= @since AND purchased_at <= @now`;
  const totalReceipts: unknown = db
    .prepare(`SELECT COUNT(DISTINCT receipt_id) FROM purchases WHERE purchased_at >= @since AND purchased_at <= @now`)
    .pluck()
    .get(window);
  if (typeof totalReceipts !== 'number' || totalReceipts === 0) return [];
  const counts = new Map(
    db
      .prepare<typeof window, { product_id: string; n: number }>(
        `SELECT product_id, COUNT(*) AS n FROM (${recent}) GROUP BY product_id`,
      )
      .all(window)
      .map((row) => [row.product_id, row.n]),
  );
  const together = db
    .prepare<typeof window & { anchors: string }, { anchor: string; other: string; n: number }>(
      `WITH recent AS (${recent})
       SELECT a.product_id AS anchor, b.product_id AS other, COUNT(*) AS n
       FROM recent a JOIN recent b ON b.receipt_id = a.receipt_id AND b.product_id <> a.product_id
       WHERE a.product_id IN (SELECT value FROM json_each(@anchors))
       GROUP BY a.product_id, b.product_id`,
    )
    .all({ ...window, anchors: JSON.stringify(anchors.map((a) => a.productId)) });

  const weightOf = new Map(anchors.map((a) => [a.productId, a.weight]));
  const best = new Map<string, Candidate>();
  for (const pair of together) {
    if (!active.has(pair.other) || pair.n < tuning.minPairReceipts) continue;
    const anchorCount = counts.get(pair.anchor) ?? 0;
    const otherCount = counts.get(pair.other) ?? 0;
    if (anchorCount === 0 || otherCount === 0) continue;
    const lift = (pair.n * totalReceipts) / (anchorCount * otherCount);
    if (lift < tuning.minLift) continue;
    const score = (weightOf.get(pair.anchor) ?? 0) * (lift - 1) * (pair.n / anchorCount);
    const previous = best.get(pair.other);
    if (previous === undefined || score > previous.score) {
      best.set(pair.other, { productId: pair.other, score, reason: `Goes well with ${productName(db, pair.anchor)}` });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
}

/** Active products by the number of receipts they appeared on recently, most first. */
function popular(db: ReadableDb, now: number, tuning: OfferTuning): Candidate[] {
  return db
    .prepare<{ since: string; now: string }, { id: string; n: number }>(
      `SELECT p.id, COUNT(DISTINCT u.receipt_id) AS n
       FROM products p JOIN purchases u ON u.product_id = p.id
       WHERE p.active = 1 AND u.purchased_at >= @since AND u.purchased_at <= @now
       GROUP BY p.id
       ORDER BY n DESC, p.id`,
    )
    .all({ since: iso(now - tuning.popularWindowDays * DAY_MS), now: iso(now) })
    .map((row) => ({ productId: row.id, score: row.n, reason: 'Popular in our store' }));
}

function toOffers(db: ReadableDb, picked: readonly Candidate[]): Offer[] {
  const products = productsById(
    db,
    picked.map((c) => c.productId),
  );
  return picked.flatMap((c) => {
    const product: Product | undefined = products.get(c.productId);
    return product === undefined ? [] : [{ product, reason: c.reason }];
  });
}

/** Adds candidates not already chosen until `limit` are chosen. */
function fill(chosen: Candidate[], from: readonly Candidate[], limit: number): void {
  for (const candidate of from) {
    if (chosen.length >= limit) return;
    if (!chosen.some((c) => c.productId === candidate.productId)) chosen.push(candidate);
  }
}

/**
 * Up to k offers for one customer: mostly their own repeat purchases, at least one "goes well with"
 * when the store's receipts support one, then store favourites to fill.
 */
export function recommendOffers(db: ReadableDb, customerId: string, options: OfferOptions): Offer[] {
  const k = options.k ?? 3;
  const tuning = options.tuning ?? DEFAULT_OFFER_TUNING;
  if (k <= 0) return [];
  const active = activeProductIds(db);
  const history = repeatItems(db, customerId, options.now, tuning, active);

  // Only something bought on two or more receipts is a habit worth naming.
  const repeats: Candidate[] = history
    .filter((item) => item.receipts >= 2)
    .map((item) => ({
      productId: item.productId,
      score: item.weight,
      reason:
        item.receipts >= 3
          ? `You often buy ${productName(db, item.productId)}`
          : `You have bought ${productName(db, item.productId)} before`,
    }));
  const companions = pairings(db, history.slice(0, 5), options.now, tuning, active);

  const pairingSlots = companions.length > 0 ? Math.max(1, Math.floor(k / 3)) : 0;
  const chosen: Candidate[] = [];
  fill(chosen, repeats, k - pairingSlots);
  fill(chosen, companions, k);
  fill(chosen, repeats, k);
  fill(chosen, popular(db, options.now, tuning), k);
  return toOffers(db, chosen);
}

/** Offers for the idle screen when nobody is being greeted: the store's featured products, then popular ones. */
export function idleOffers(db: ReadableDb, options: OfferOptions): Offer[] {
  const k = options.k ?? 8;
  const tuning = options.tuning ?? DEFAULT_OFFER_TUNING;
  if (k <= 0) return [];
  const featured: Candidate[] = db
    .prepare<[], string>('SELECT id FROM products WHERE active = 1 AND promoted = 1 ORDER BY name COLLATE NOCASE, id')
    .pluck()
    .all()
    .map((productId) => ({ productId, score: 0, reason: 'Featured in our store' }));
  const chosen: Candidate[] = [];
  fill(chosen, featured, k);
  fill(chosen, popular(db, options.now, tuning), k);
  return toOffers(db, chosen);
}
