/**
 * Customers and products as the chain sends them: created when missing, updated when the chain says so. Used by
 * the order, catalogue and enrolment rules.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { CATEGORIES, type Category } from '../demo/catalogue.js';
import { productTileSvg } from '../demo/product-tile.js';
import type { WritableDb } from '../store/database.js';
import type { ChainCustomer } from './messages.js';

/** The chain is the master of loyalty customers: their names and e-mail follow what it sends. */
export function upsertCustomer(db: WritableDb, clock: Clock, customer: ChainCustomer): void {
  db.prepare(
    `INSERT INTO customers (id, first_name, last_name, email, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
       email = excluded.email`,
  ).run(customer.id, customer.firstName, customer.lastName, customer.email, isoAt(clock.now()));
}

function tileCategory(category: string): Category {
  const lower = category.toLowerCase();
  return (CATEGORIES as readonly string[]).includes(lower) ? (lower as Category) : 'pantry';
}

export function tileFor(name: string, category: string): string {
  return productTileSvg({ name, category: tileCategory(category), shape: 'box' });
}

/**
 * An order may name a product before the catalogue that introduces it arrives. The order must not be lost, so
 * the product is created inactive (never offered) with the order's name; the catalogue fills it in later.
 */
export function ensureProduct(db: WritableDb, product: { id: string; name: string }): void {
  db.prepare(
    `INSERT INTO products (id, name, category, price_cents, image_svg, active, promoted)
     VALUES (?, ?, 'pantry', 0, ?, 0, 0) ON CONFLICT (id) DO NOTHING`,
  ).run(product.id, product.name, tileFor(product.name, 'pantry'));
}
