/**
 * The one shape the offers engine learns from: a line of a receipt (which basket, whose, which item, when).
 * The SQLite store and the CSV files of the evaluation are both turned into these, so the evaluation measures
 * exactly the engine the product runs.
 */

export interface PurchaseLine {
  /** The receipt (invoice) the line belongs to; lines of one basket share it. */
  readonly basket: string;
  /** Whose receipt it was, or null for an anonymous sale (still useful for "bought together" and popularity). */
  readonly customer: string | null;
  /** The product (stock code / product id). */
  readonly item: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** One customer's own past purchases, oldest or newest first (order does not matter to the engine). */
export type CustomerHistory = readonly Pick<PurchaseLine, 'basket' | 'item' | 'at'>[];

export const DAY_MS = 24 * 60 * 60 * 1000;
