/**
 * Bench section `offers`: one customer's offers request on a synthetic store of 5,000 products and 5,000 customers
 * (a year of receipts in a real SQLite file), ours (the OfferEngine with its store-wide model built once, as the
 * product keeps it) next to the seed system's method (random items of the customer's past orders) in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Offer } from '../../electron/contract/dto.js';
import { fixedClock } from '../../electron/core/clock.js';
import { createRng } from '../../electron/core/demo/prng.js';
import { memoryLogger } from '../../electron/core/logger.js';
import { OfferEngine } from '../../electron/core/offers/engine.js';
import { historyRandomOffers } from '../../electron/core/offers/evaluate.js';
import { loadCustomerHistory } from '../../electron/core/offers/store-source.js';
import { openDatabase, type ReadableDb, type WritableDb } from '../../electron/core/store/database.js';
import { productsById } from '../../electron/core/store/products.js';
import { percentile, round, type BenchSection } from './section.js';

const PRODUCTS = 5_000;
const CUSTOMERS = 5_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

/** Fills the store: each customer has a few favourite categories and comes back 5-40 times a year. */
function seed(db: WritableDb): number {
  const rng = createRng(2026);
  const categories = 100;
  const insertProduct = db.prepare(
    'INSERT INTO products (id, name, category, price_cents, image_svg) VALUES (?, ?, ?, ?, ?)',
  );
  const insertCustomer = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?)');
  const insertLine = db.prepare(
    'INSERT INTO purchases (receipt_id, customer_id, product_id, quantity, price_cents, purchased_at) VALUES (?, ?, ?, 1, 100, ?)',
  );
  let lines = 0;
  db.transaction(() => {
    for (let p = 0; p < PRODUCTS; p += 1)
      insertProduct.run(`p${p}`, `Product ${p}`, `cat${p % categories}`, 100 + (p % 900), '<svg/>');
    let receipt = 0;
    for (let c = 0; c < CUSTOMERS; c += 1) {
      insertCustomer.run(`c${c}`, 'First', 'Last', `c${c}@example.com`, new Date(NOW - 400 * DAY).toISOString());
      const favourites = [rng.int(0, categories - 1), rng.int(0, categories - 1), rng.int(0, categories - 1)];
      const staples = Array.from({ length: 6 }, () => rng.int(0, PRODUCTS - 1));
      const visits = rng.int(5, 40);
      for (let v = 0; v < visits; v += 1) {
        receipt += 1;
        const at = new Date(NOW - rng.int(0, 364) * DAY - rng.int(0, DAY - 1)).toISOString();
        const items = new Set<number>();
        const size = rng.int(2, 8);
        while (items.size < size) {
          const r = rng.next();
          items.add(
            r < 0.4
              ? rng.pick(staples)
              : r < 0.85
                ? rng.pick(favourites) + categories * rng.int(0, PRODUCTS / categories - 1)
                : // A skewed store-wide pick: low ids are the store's best sellers.
                  Math.floor(PRODUCTS * rng.next() ** 3),
          );
        }
        for (const item of items) {
          insertLine.run(`r${receipt}`, `c${c}`, `p${item}`, at);
          lines += 1;
        }
      }
    }
  })();
  return lines;
}

/** The seed system's method against the same store: the customer's past order lines, k random ones. */
function seedMethod(db: ReadableDb, customerId: string, k: number, next: () => number): Offer[] {
  const picked = historyRandomOffers(loadCustomerHistory(db, customerId, NOW), k, next);
  const products = productsById(db, picked);
  return picked.flatMap((id) => {
    const product = products.get(id);
    return product === undefined ? [] : [{ product, reason: 'From your past orders' }];
  });
}

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export const offersSection: BenchSection = {
  name: 'offers',
  description: `one customer's offers (k=3), ${PRODUCTS} products, ${CUSTOMERS} customers: ours vs the seed's random past items`,
  async run({ progress, quick }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-offers-'));
    try {
      const db = openDatabase(path.join(dir, 'kiosk.sqlite'), { logger: memoryLogger(), clock: fixedClock(NOW) });
      progress('building the synthetic store…');
      const lines = seed(db);
      progress(`${lines} receipt lines written; building the model…`);
      const engine = new OfferEngine(db, { timeZone: () => 'UTC' });
      const buildMs = time(() => engine.modelFor(NOW));
      const requests = quick ? 200 : 2_000;
      const rng = createRng(7);
      const customers = Array.from({ length: requests }, () => `c${rng.int(0, CUSTOMERS - 1)}`);
      // Warm-up: statement caches and JIT, for both, so neither pays a first-call cost in the figures.
      for (const id of customers.slice(0, 50)) {
        engine.recommend(id, { now: NOW, k: 3 });
        seedMethod(db, id, 3, rng.next);
      }
      progress(`${requests} requests each…`);
      const ours: number[] = [];
      const theirs: number[] = [];
      // Interleaved so both see the same machine load.
      for (const id of customers) {
        ours.push(time(() => engine.recommend(id, { now: NOW, k: 3 })));
        theirs.push(time(() => seedMethod(db, id, 3, rng.next)));
      }
      db.close();
      const figures = (values: number[]) => ({
        p50_ms: round(percentile(values, 50), 3),
        p95_ms: round(percentile(values, 95), 3),
        p99_ms: round(percentile(values, 99), 3),
      });
      const mine = figures(ours);
      const seedFigures = figures(theirs);
      return {
        json: {
          offers: {
            ...mine,
            seed_method: seedFigures,
            model_build_ms: round(buildMs, 1),
            products: PRODUCTS,
            customers: CUSTOMERS,
            purchase_lines: lines,
            requests,
            k: 3,
          },
        },
        rows: [
          { label: 'ours (engine, model cached)', values: { ...mine, model_build_ms: round(buildMs, 1) } },
          { label: 'seed: random past items', values: seedFigures },
        ],
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
