/**
 * Reads purchase history from CSV for the offers evaluation, streaming (gzip too, detected by its magic bytes), in
 * one of two layouts found from the header:
 *
 * - Online Retail (UCI): InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
 * - generic: customer,date,item (any order, other columns ignored; an optional `basket` column groups lines,
 *   otherwise one customer's lines with the same date form one basket)
 *
 * What is dropped, and why (counted per reason in `skipped`):
 * - cancellations: invoices starting with "C" (they undo an earlier sale; the sale itself stays as a sign of interest)
 * - quantity 0 or below (returns and stock corrections) and unit price 0 or below (free samples, bad-debt adjustments)
 * - stock codes that are not products: anything not starting with five digits (POST, DOT, M, D, C2, S, PADS,
 *   BANK CHARGES, AMAZONFEE, CRUK, gift_0001_*, DCGS* …: postage, fees, manual corrections, vouchers)
 * - rows whose date does not parse, or with an empty item
 * Rows without a CustomerID are kept as anonymous baskets: they still show what is bought together and popular,
 * but belong to no customer.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { parse } from 'csv-parse';
import type { PurchaseLine } from './purchase-line.js';

export type CsvLayout = 'online-retail' | 'generic';

export interface CsvTransactions {
  readonly layout: CsvLayout;
  /** Data rows read (the header excluded). */
  readonly rows: number;
  readonly lines: PurchaseLine[];
  /** Rows dropped, by reason. */
  readonly skipped: Readonly<Record<string, number>>;
}

const RETAIL_COLUMNS = ['invoiceno', 'stockcode', 'quantity', 'invoicedate', 'unitprice', 'customerid'] as const;
const GENERIC_COLUMNS = ['customer', 'date', 'item'] as const;
const PRODUCT_CODE = /^\d{5}/;

/** A date as the data sets write it: ISO (`2011-07-01`, `2011-07-01 08:26:00`, with T/Z) or UCI's `7/1/2011 8:26`. */
export function parseCsvDate(text: string): number | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value,
  );
  if (iso !== null) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    const base = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}`;
    const ms = Date.parse(zone === undefined ? `${base}Z` : `${base}${zone}`);
    return Number.isNaN(ms) ? null : ms;
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}))?$/.exec(value);
  if (us !== null) {
    const [, mo, d, y, h, mi] = us;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** "17850.0" and "17850" are the same customer. */
function customerId(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  return /^\d+\.0+$/.test(value) ? value.replace(/\.0+$/, '') : value;
}

function detectLayout(header: readonly string[], file: string): { layout: CsvLayout; index: Map<string, number> } {
  const index = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  if (RETAIL_COLUMNS.every((c) => index.has(c))) return { layout: 'online-retail', index };
  if (GENERIC_COLUMNS.every((c) => index.has(c))) return { layout: 'generic', index };
  throw new Error(
    `${file}: the header "${header.join(',')}" is neither the Online Retail layout ` +
      `(InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country) nor the generic ` +
      `layout (customer,date,item). Add one of these header rows and try again.`,
  );
}

/** Opens the file as text, unzipping it when it starts with gzip's magic bytes. */
function openText(file: string): Readable {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read ${file} (${reason}). Check the path and try again.`);
  }
  const magic = Buffer.alloc(2);
  const read = fs.readSync(fd, magic, 0, 2, 0);
  const stream = fs.createReadStream(file, { fd, start: 0 });
  return read === 2 && magic[0] === 0x1f && magic[1] === 0x8b ? stream.pipe(zlib.createGunzip()) : stream;
}

/** Reads every row of a CSV file of purchases (see the module comment for what is dropped). */
export async function readTransactionsCsv(file: string): Promise<CsvTransactions> {
  const parser = openText(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  const lines: PurchaseLine[] = [];
  const skipped: Record<string, number> = {};
  const skip = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  let layout: CsvLayout | null = null;
  let col = (_row: readonly string[], _name: string): string => '';
  let rows = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (layout === null) {
      const detected = detectLayout(record, file);
      layout = detected.layout;
      col = (row, name) => row[detected.index.get(name) ?? -1] ?? '';
      continue;
    }
    rows += 1;
    if (layout === 'online-retail') {
      const invoice = col(record, 'invoiceno').trim();
      const item = col(record, 'stockcode').trim().toUpperCase();
      if (invoice.toUpperCase().startsWith('C')) skip('cancellation');
      else if (!(Number(col(record, 'quantity')) > 0)) skip('quantity not positive');
      else if (!(Number(col(record, 'unitprice')) > 0)) skip('price not positive');
      else if (!PRODUCT_CODE.test(item)) skip('not a product (postage, fees, manual, vouchers)');
      else {
        const at = parseCsvDate(col(record, 'invoicedate'));
        if (at === null) skip('bad date');
        else lines.push({ basket: invoice, customer: customerId(col(record, 'customerid')), item, at });
      }
    } else {
      const customer = customerId(col(record, 'customer'));
      const item = col(record, 'item').trim();
      const date = col(record, 'date');
      const at = parseCsvDate(date);
      if (item === '') skip('empty item');
      else if (at === null) skip('bad date');
      else {
        // Without a basket column, one customer's lines of one date are one basket; an anonymous line is its own.
        const basket =
          col(record, 'basket').trim() || (customer === null ? `row:${rows}` : `${customer}|${date.trim()}`);
        lines.push({ basket, customer, item, at });
      }
    }
  }
  if (layout === null) throw new Error(`${file} is empty: it needs a header row and at least one purchase.`);
  return { layout, rows, lines, skipped };
}
