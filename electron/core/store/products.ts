/** The product catalogue and its conversion to the `Product` DTO (the SVG tile becomes a data: URL). */
import type { Product } from '../../contract/dto.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface ProductRow {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly price_cents: number;
  readonly image_svg: string;
  readonly active: number;
  readonly promoted: number;
}

export interface NewProduct {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly priceCents: number;
  readonly imageSvg: string;
  readonly active?: boolean;
  readonly promoted?: boolean;
}

const COLUMNS = 'id, name, category, price_cents, image_svg, active, promoted';

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export function toProductDto(row: ProductRow): Product {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    priceCents: row.price_cents,
    imageUrl: svgDataUrl(row.image_svg),
  };
}

export function addProduct(db: WritableDb, product: NewProduct): void {
  db.prepare(
    `INSERT INTO products (${COLUMNS}) VALUES (@id, @name, @category, @priceCents, @imageSvg, @active, @promoted)`,
  ).run({
    ...product,
    active: product.active === false ? 0 : 1,
    promoted: product.promoted === true ? 1 : 0,
  });
}

/** Products by category then name; inactive ones only when asked for. */
export function listProducts(db: ReadableDb, options: { includeInactive?: boolean } = {}): Product[] {
  return db
    .prepare<[number], ProductRow>(
      `SELECT ${COLUMNS} FROM products WHERE active = 1 OR ? = 1 ORDER BY category, name COLLATE NOCASE, id`,
    )
    .all(options.includeInactive === true ? 1 : 0)
    .map(toProductDto);
}

export function getProductRow(db: ReadableDb, id: string): ProductRow | null {
  return db.prepare<[string], ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = ?`).get(id) ?? null;
}

export function getProduct(db: ReadableDb, id: string): Product | null {
  const row = getProductRow(db, id);
  return row === null ? null : toProductDto(row);
}

/** DTOs for many ids at once, keyed by id (missing ids are simply absent). */
export function productsById(db: ReadableDb, ids: readonly string[]): Map<string, Product> {
  const rows = db
    .prepare<[string], ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids));
  return new Map(rows.map((row) => [row.id, toProductDto(row)]));
}
