/**
 * Erasing a customer's biometric data on request: templates, thumbnail, visits and consents go in one
 * transaction together with the audit entry, so either all of it is gone and recorded, or nothing changed.
 * The customer row and their purchase history stay: those are their shopping record, not biometrics.
 *
 * "Everywhere" is kept true as the schema grows: besides the four known tables, every table that references
 * `customers` (directly, by foreign key) loses that customer's rows, unless it is listed in SHOPPING_RECORD.
 * Rows that hang off a visit (a clerk's confirmation, a rejection) go with the visit by ON DELETE CASCADE.
 * The cloud collection and the sync backend hear about it afterwards through the core's erasure hooks.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { recordErasure } from '../sync/hooks.js';
import { appendAudit } from './audit.js';
import { requireCustomer } from './customers.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface ErasureOutcome {
  readonly templates: number;
  readonly thumbnails: number;
  readonly visits: number;
  readonly consents: number;
  /** Rows removed from other tables that reference the customer, by table (only tables with rows removed). */
  readonly other: Readonly<Record<string, number>>;
}

/** Tables that reference a customer but are their shopping record, kept on erasure. */
export const SHOPPING_RECORD: readonly string[] = ['customers', 'purchases', 'orders'];

const KNOWN = ['face_templates', 'customer_thumbnails', 'visits', 'consents'];

/** Safe to put in SQL: names come from sqlite_schema, and only plain identifiers are accepted. */
function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Unexpected table or column name "${name}".`);
  return `"${name}"`;
}

/** Every (table, column) that references customers(id) by foreign key, apart from the shopping record. */
export function customerReferences(db: ReadableDb): { table: string; column: string }[] {
  const tables = db
    .prepare<
      [],
      string
    >("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
  const out: { table: string; column: string }[] = [];
  for (const table of tables) {
    if (SHOPPING_RECORD.includes(table)) continue;
    const keys = db.prepare(`SELECT "table", "from" FROM pragma_foreign_key_list(?)`).all(table) as {
      table: string;
      from: string;
    }[];
    for (const key of keys) if (key.table === 'customers') out.push({ table, column: key.from });
  }
  return out;
}

export function eraseCustomerBiometrics(
  db: WritableDb,
  clock: Clock,
  customerId: string,
  actor: string,
): ErasureOutcome {
  return db.transaction((): ErasureOutcome => {
    requireCustomer(db, customerId);
    const remove = (sql: string): number => db.prepare(sql).run(customerId).changes;
    // Consents last: the thumbnail and template triggers look at them.
    const known = {
      templates: remove('DELETE FROM face_templates WHERE customer_id = ?'),
      thumbnails: remove('DELETE FROM customer_thumbnails WHERE customer_id = ?'),
      visits: remove('DELETE FROM visits WHERE customer_id = ?'),
      consents: remove('DELETE FROM consents WHERE customer_id = ?'),
    };
    const other: Record<string, number> = {};
    for (const { table, column } of customerReferences(db)) {
      if (KNOWN.includes(table)) continue;
      const removed = remove(`DELETE FROM ${identifier(table)} WHERE ${identifier(column)} = ?`);
      if (removed > 0) other[table] = (other[table] ?? 0) + removed;
    }
    const outcome: ErasureOutcome = { ...known, other };
    // Counts only: the audit log must not keep anything it was asked to forget.
    appendAudit(db, clock, { actor, action: 'customer.biometrics_erased', details: { customerId, ...outcome } });
    // The erasure reaches the chain (and drops unsent messages about the customer) in the same transaction.
    const { templates, thumbnails, visits, consents } = outcome;
    recordErasure(db, {
      customerId,
      erasedAt: isoAt(clock.now()),
      actor,
      removed: { templates, thumbnails, visits, consents },
    });
    return outcome;
  })();
}
