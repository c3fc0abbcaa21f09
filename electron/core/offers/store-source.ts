/**
 * Reads what the offers engine needs from the SQLite store: receipt lines for the store-wide model, one
 * customer's own history for a request, and the campaigns live right now. The campaigns table belongs to the
 * customer display (migration 4); it is read only when it exists.
 */
import { listCampaigns } from '../board/campaigns.js';
import { localMoment } from '../board/local-time.js';
import { isLive } from '../board/schedule.js';
import type { ReadableDb } from '../store/database.js';
import { DAY_MS, type CustomerHistory, type PurchaseLine } from './purchase-line.js';
import type { Campaign } from './rules.js';

interface LineRow {
  receipt_id: string;
  customer_id: string;
  product_id: string;
  purchased_at: string;
}

/** Receipt lines from `days` before `now` up to `now`. */
export function loadPurchaseLines(db: ReadableDb, now: number, days: number): PurchaseLine[] {
  return db
    .prepare<[string, string], LineRow>(
      `SELECT receipt_id, customer_id, product_id, purchased_at FROM purchases
       WHERE purchased_at >= ? AND purchased_at <= ?`,
    )
    .all(new Date(now - days * DAY_MS).toISOString(), new Date(now).toISOString())
    .map((row) => ({
      basket: row.receipt_id,
      customer: row.customer_id,
      item: row.product_id,
      at: Date.parse(row.purchased_at),
    }));
}

/**
 * The per-request reads with their statements prepared once (preparing costs more than running them). One per
 * engine; it holds no data, only statements.
 */
export interface StoreReader {
  /** One customer's purchases up to `now` (uses the purchases_by_customer index). */
  customerHistory(customerId: string, now: number): CustomerHistory;
  /** Products switched off in the catalogue. */
  inactiveProducts(): Set<string>;
  /** The raw JSON of every `offers.*` setting, by key. */
  offerSettings(): Map<string, string>;
}

export function storeReader(db: ReadableDb): StoreReader {
  const history = db.prepare<[string, string], Omit<LineRow, 'customer_id'>>(
    `SELECT receipt_id, product_id, purchased_at FROM purchases WHERE customer_id = ? AND purchased_at <= ?`,
  );
  const inactive = db.prepare<[], string>('SELECT id FROM products WHERE active = 0').pluck();
  const settings = db.prepare<[], { key: string; value: string }>(
    "SELECT key, value FROM settings WHERE key >= 'offers.' AND key < 'offers/'",
  );
  return {
    customerHistory: (customerId, now) =>
      history
        .all(customerId, new Date(now).toISOString())
        .map((row) => ({ basket: row.receipt_id, item: row.product_id, at: Date.parse(row.purchased_at) })),
    inactiveProducts: () => new Set(inactive.all()),
    offerSettings: () => new Map(settings.all().map((row) => [row.key, row.value])),
  };
}

/** One customer's purchases up to `now`. */
export function loadCustomerHistory(db: ReadableDb, customerId: string, now: number): CustomerHistory {
  return storeReader(db).customerHistory(customerId, now);
}

/**
 * Changes when receipts are added (the newest row id; a cheap index lookup on every request). Removals are picked
 * up by the engine's regular rebuild.
 */
export function purchasesSignature(db: ReadableDb): string {
  const last: unknown = db.prepare('SELECT MAX(id) FROM purchases').pluck().get();
  return String(last ?? 0);
}

function tableExists(db: ReadableDb, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) !== undefined;
}

/**
 * The campaigns table has no discount column; the discount a campaign promises is the one its text shows the
 * customer ("20% off"), so that is what the maximum-discount rule checks.
 */
export function discountInText(text: string): number | null {
  const percents = [...text.matchAll(/(\d{1,3}(?:[.,]\d+)?)\s*%/g)].map((m) => Number((m[1] ?? '').replace(',', '.')));
  return percents.length === 0 ? null : Math.max(...percents);
}

/** The store's campaigns with a product whose schedule is live at `now` in `timeZone`, as engine campaigns. */
export function loadLiveCampaigns(db: ReadableDb, now: number, timeZone: string): Campaign[] {
  if (!tableExists(db, 'campaigns')) return [];
  const at = localMoment(now, timeZone);
  return listCampaigns(db)
    .filter((c) => c.active && c.productId !== null && isLive(c, at))
    .map((c) => ({
      id: c.id,
      title: c.headline,
      items: c.productId === null ? [] : [c.productId],
      discountPercent: discountInText(`${c.headline} ${c.body}`),
      // The schedule was applied above (it is local-time day-parting the engine does not need to know about).
      startsAt: null,
      endsAt: null,
      priority: c.priority,
    }));
}
