/**
 * Fills an empty database with the "Corner Market (demo)" store: catalogue, customers, six months of
 * purchases and a few open pickup orders. Deterministic: the same seed and the same day give the same
 * rows, because every random choice comes from a seeded generator and every date is counted from
 * clock.now() floored to the UTC day. It never touches a database that already has products or customers.
 * No biometric data is seeded: nobody is enrolled until a real person consents at the counter.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { createCustomer } from '../store/customers.js';
import type { WritableDb } from '../store/database.js';
import { createOrder } from '../store/orders.js';
import { addProduct } from '../store/products.js';
import { setSetting, STORE_NAME_KEY } from '../store/settings.js';
import {
  CATEGORIES,
  DEMO_CUSTOMER_NAMES,
  DEMO_PRODUCTS,
  demoEmail,
  type Category,
  type DemoProduct,
} from './catalogue.js';
import { createRng, type Rng } from './prng.js';
import { productTileSvg } from './product-tile.js';

export const DEMO_STORE_NAME = 'Corner Market (demo)';
export const DEMO_HISTORY_DAYS = 180;
export const DEMO_OPEN_ORDERS = 6;

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export interface SeedOptions {
  readonly clock: Clock;
  /** Seed of the random generator; change it for a different but equally plausible store. */
  readonly seed?: number;
}

export interface SeedOutcome {
  /** False when the database already had data and nothing was written. */
  readonly seeded: boolean;
  readonly products: number;
  readonly customers: number;
  readonly receipts: number;
  readonly purchases: number;
  readonly orders: number;
}

interface Persona {
  readonly categoryWeights: readonly number[];
  readonly favourites: readonly DemoProduct[];
}

function byCategory(category: Category): DemoProduct[] {
  return DEMO_PRODUCTS.filter((p) => p.category === category);
}

/** Each customer leans towards one or two categories and has a handful of favourite products. */
function makePersona(rng: Rng): Persona {
  const loved = rng.shuffle(CATEGORIES).slice(0, rng.int(1, 2));
  const categoryWeights = CATEGORIES.map((c) => (c === loved[0] ? 7 : loved.includes(c) ? 4 : 1));
  const favourites = new Set<DemoProduct>();
  const count = rng.int(3, 6);
  while (favourites.size < count) {
    // Most favourites come from the loved categories, a few from anywhere.
    const category = rng.chance(0.8) ? rng.pick(loved) : rng.pick(CATEGORIES);
    favourites.add(rng.pick(byCategory(category)));
  }
  return { categoryWeights, favourites: [...favourites] };
}

const BASKET_SIZE_WEIGHTS = [20, 25, 22, 15, 10, 8]; // sizes 1..6

function makeBasket(rng: Rng, persona: Persona): Map<DemoProduct, number> {
  const size = rng.weightedIndex(BASKET_SIZE_WEIGHTS) + 1;
  const basket = new Map<DemoProduct, number>();
  const productById = new Map(DEMO_PRODUCTS.map((p) => [p.id, p]));
  let guard = 0;
  while (basket.size < size && guard < 50) {
    guard += 1;
    const product = rng.chance(0.55)
      ? rng.pick(persona.favourites)
      : rng.pick(byCategory(CATEGORIES[rng.weightedIndex(persona.categoryWeights)] ?? 'pantry'));
    if (basket.has(product)) continue;
    basket.set(product, rng.chance(0.8) ? 1 : rng.chance(0.75) ? 2 : 3);
    const companions = product.goesWith ?? [];
    if (companions.length > 0 && basket.size < size && rng.chance(0.5)) {
      const companion = productById.get(rng.pick(companions));
      if (companion !== undefined && !basket.has(companion)) basket.set(companion, 1);
    }
  }
  return basket;
}

/** A clock stopped at one instant, so rows made through the store services get the seed's dates. */
function at(ms: number): Clock {
  return { now: () => ms };
}

function isEmpty(db: WritableDb): boolean {
  const count: unknown = db
    .prepare('SELECT (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM customers)')
    .pluck()
    .get();
  return count === 0;
}

export function seedDemoStore(db: WritableDb, options: SeedOptions): SeedOutcome {
  const nothing: SeedOutcome = { seeded: false, products: 0, customers: 0, receipts: 0, purchases: 0, orders: 0 };
  const rng = createRng(options.seed ?? 42);
  const day0 = Math.floor(options.clock.now() / DAY_MS) * DAY_MS;

  return db.transaction((): SeedOutcome => {
    // Checked inside the transaction so two starts racing on one file cannot both seed.
    if (!isEmpty(db)) return nothing;

    setSetting(db, STORE_NAME_KEY, DEMO_STORE_NAME);
    for (const product of DEMO_PRODUCTS) {
      addProduct(db, {
        id: product.id,
        name: product.name,
        category: product.category,
        priceCents: product.priceCents,
        imageSvg: productTileSvg(product),
        active: product.inactive !== true,
        promoted: product.promoted === true,
      });
    }

    const insertPurchase = db.prepare(
      `INSERT INTO purchases (receipt_id, customer_id, product_id, quantity, price_cents, purchased_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const customers: { id: string; persona: Persona }[] = [];
    let receipts = 0;
    let purchases = 0;
    DEMO_CUSTOMER_NAMES.forEach(([firstName, lastName], index) => {
      const id = `cust-${String(index + 1).padStart(3, '0')}`;
      const joined = day0 - (DEMO_HISTORY_DAYS + rng.int(1, 400)) * DAY_MS + rng.int(8 * 60, 19 * 60) * MINUTE_MS;
      createCustomer(db, at(joined), { id, firstName, lastName, email: demoEmail(firstName, lastName) });
      const persona = makePersona(rng);
      customers.push({ id, persona });

      const visits = Array.from(
        { length: rng.int(5, 40) },
        () => day0 - rng.int(1, DEMO_HISTORY_DAYS) * DAY_MS + rng.int(7 * 60 + 30, 20 * 60 + 30) * MINUTE_MS,
      ).sort((a, b) => a - b);
      for (const time of visits) {
        receipts += 1;
        const receiptId = `R${String(receipts).padStart(6, '0')}`;
        for (const [product, quantity] of makeBasket(rng, persona)) {
          insertPurchase.run(receiptId, id, product.id, quantity, product.priceCents, isoAt(time));
          purchases += 1;
        }
      }
    });

    // Open pickup orders for six different customers, placed the evening before, mostly their favourites.
    const active = DEMO_PRODUCTS.filter((p) => p.inactive !== true);
    const orderCustomers = rng.shuffle(customers).slice(0, DEMO_OPEN_ORDERS);
    const placedTimes = orderCustomers.map(() => day0 - rng.int(60, 6 * 60) * MINUTE_MS).sort((a, b) => a - b);
    orderCustomers.forEach((customer, index) => {
      const items = new Map<string, number>();
      const count = rng.int(1, 4);
      while (items.size < count) {
        const choice = rng.chance(0.6) ? rng.pick(customer.persona.favourites) : rng.pick(active);
        if (choice.inactive !== true) items.set(choice.id, rng.chance(0.8) ? 1 : 2);
      }
      createOrder(db, at(placedTimes[index] ?? day0), {
        customerId: customer.id,
        items: [...items].map(([productId, quantity]) => ({ productId, quantity })),
        actor: 'online shop',
      });
    });

    return {
      seeded: true,
      products: DEMO_PRODUCTS.length,
      customers: customers.length,
      receipts,
      purchases,
      orders: orderCustomers.length,
    };
  })();
}
