/**
 * Offline evaluation of the offers engine on a time split of purchase history: for every customer with purchases
 * before the cut-off and after it, k offers are chosen from the part before only and scored against the distinct
 * items they bought after. The engine is measured next to two baselines in the same run: random items from the
 * customer's own past orders (what the seed system did, with a seeded generator) and the store's most popular items.
 */
import { createRng } from '../demo/prng.js';
import { buildOfferModel, DEFAULT_OFFER_TUNING, type OfferTuning } from './model.js';
import type { CustomerHistory, PurchaseLine } from './purchase-line.js';
import { rankOffers } from './rank.js';

export interface Metrics {
  /** Share of customers for whom at least one of the k offers was bought. */
  readonly hit_rate: number;
  /** Mean share of the k offers that were bought. */
  readonly precision: number;
  /** Mean share of the items bought that were offered. */
  readonly recall: number;
}

export interface EvalReport {
  readonly customers: number;
  readonly k: number;
  readonly model: Metrics;
  readonly baseline_history_random: Metrics;
  readonly baseline_popular: Metrics;
  /** model.hit_rate / the better baseline's hit rate. */
  readonly hit_rate_vs_best_baseline: number;
}

export interface EvalOptions {
  readonly k: number;
  /** The engine's "now": the cut-off (train lines are before it). */
  readonly now: number;
  readonly tuning?: OfferTuning;
  /** Seed of the random baseline. */
  readonly seed?: number;
}

/** Splits lines at `cutoff`: before it (train) and at or after it (test). */
export function splitAt(
  lines: readonly PurchaseLine[],
  cutoff: number,
): { train: PurchaseLine[]; test: PurchaseLine[] } {
  const train: PurchaseLine[] = [];
  const test: PurchaseLine[] = [];
  for (const line of lines) (line.at < cutoff ? train : test).push(line);
  return { train, test };
}

function byCustomer(lines: readonly PurchaseLine[]): Map<string, PurchaseLine[]> {
  const map = new Map<string, PurchaseLine[]>();
  for (const line of lines) {
    if (line.customer === null) continue;
    let list = map.get(line.customer);
    if (list === undefined) map.set(line.customer, (list = []));
    list.push(line);
  }
  return map;
}

/** The seed's method: random lines of the customer's past orders (a frequent item is likelier), k distinct items. */
export function historyRandomOffers(history: CustomerHistory, k: number, next: () => number): string[] {
  const pool = history.map((line) => line.item);
  const picked: string[] = [];
  const chosen = new Set<string>();
  // Partial Fisher-Yates over the lines; duplicates of a chosen item are skipped.
  for (let i = 0; i < pool.length && picked.length < k; i += 1) {
    const j = i + Math.floor(next() * (pool.length - i));
    const item = pool[j] as string;
    pool[j] = pool[i] as string;
    pool[i] = item;
    if (!chosen.has(item)) {
      chosen.add(item);
      picked.push(item);
    }
  }
  return picked;
}

/** The store's k items bought by the most distinct customers (anonymous baskets count once each). */
export function popularOffers(train: readonly PurchaseLine[], k: number): string[] {
  const buyers = new Map<string, Set<string>>();
  for (const line of train) {
    let set = buyers.get(line.item);
    if (set === undefined) buyers.set(line.item, (set = new Set()));
    set.add(line.customer ?? `basket:${line.basket}`);
  }
  return [...buyers]
    .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([item]) => item);
}

class MetricSum {
  private hits = 0;
  private precision = 0;
  private recall = 0;
  private n = 0;

  add(offered: readonly string[], bought: ReadonlySet<string>, k: number): void {
    const hits = offered.filter((item) => bought.has(item)).length;
    this.n += 1;
    if (hits > 0) this.hits += 1;
    this.precision += hits / k;
    this.recall += hits / bought.size;
  }

  result(): Metrics {
    const mean = (x: number) => (this.n === 0 ? 0 : round(x / this.n));
    return { hit_rate: mean(this.hits), precision: mean(this.precision), recall: mean(this.recall) };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Scores the engine and both baselines on the customers present in both parts. */
export function evaluateOffers(
  train: readonly PurchaseLine[],
  test: readonly PurchaseLine[],
  options: EvalOptions,
): EvalReport {
  const { k, now } = options;
  const tuning = options.tuning ?? DEFAULT_OFFER_TUNING;
  const model = buildOfferModel(train, { now, tuning });
  const popular = popularOffers(train, k);
  const rng = createRng(options.seed ?? 42);
  const before = byCustomer(train);
  const after = byCustomer(test);
  const sums = { model: new MetricSum(), random: new MetricSum(), popular: new MetricSum() };
  let customers = 0;
  // Sorted so the seeded random baseline draws the same numbers for the same customers on every run.
  for (const customer of [...after.keys()].sort()) {
    const history = before.get(customer);
    if (history === undefined || history.length === 0) continue;
    const bought = new Set((after.get(customer) ?? []).map((line) => line.item));
    customers += 1;
    sums.model.add(
      rankOffers(model, history, { now, k }).map((offer) => offer.item),
      bought,
      k,
    );
    sums.random.add(historyRandomOffers(history, k, rng.next), bought, k);
    sums.popular.add(popular, bought, k);
  }
  const result = {
    model: sums.model.result(),
    baseline_history_random: sums.random.result(),
    baseline_popular: sums.popular.result(),
  };
  const best = Math.max(result.baseline_history_random.hit_rate, result.baseline_popular.hit_rate);
  return { customers, k, ...result, hit_rate_vs_best_baseline: best > 0 ? round(result.model.hit_rate / best) : 0 };
}
