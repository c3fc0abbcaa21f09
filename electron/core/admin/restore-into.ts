/**
 * Replaces the live database's content with a backup's, over the same open connection, in one transaction.
 *
 * Why not close, swap the file and reopen: every service of the core holds the one `WritableDb` handle, so a
 * swapped file would need every one of them rebuilt, and a command arriving in between would meet a closed
 * handle. Copying table by table inside one transaction gives the same result (the data is the backup's) while
 * the app keeps serving, and a failure anywhere rolls back to exactly what was there before.
 *
 * Two things are carried over from the live data on purpose:
 * - audit entries newer than the backup's newest one (who did what must not vanish with a restore);
 * - erasures and consent withdrawals made after the backup was taken are applied again, so restoring an old
 *   backup never brings back the face data of someone who asked to be forgotten.
 */
import type { Clock } from '../clock.js';
import { withdrawConsent } from '../store/consents.js';
import type { WritableDb } from '../store/database.js';
import { eraseCustomerBiometrics } from '../store/erasure.js';

const SOURCE = 'restore_src';

/** Identifiers come from sqlite_schema; only plain names are accepted before they are quoted into SQL. */
function quote(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Unexpected table or column name "${name}".`);
  return `"${name}"`;
}

/** Tables whose rows other tables' INSERT triggers look at (templates and thumbnails need a consent). */
const FIRST = ['customers', 'consents'];

function tablesOf(db: WritableDb, schema: 'main' | typeof SOURCE): string[] {
  return db
    .prepare<
      [],
      string
    >(`SELECT name FROM ${schema}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
    .pluck()
    .all();
}

function columnsOf(db: WritableDb, table: string, schema: 'main' | typeof SOURCE): string[] {
  return db.prepare<[string, string], string>('SELECT name FROM pragma_table_info(?, ?)').pluck().all(table, schema);
}

export interface RestoreOutcome {
  readonly tables: number;
  readonly rows: number;
  readonly auditKept: number;
  readonly erasuresReapplied: number;
}

interface LaterErasure {
  readonly customerId: string;
  readonly action: 'customer.biometrics_erased' | 'consent.withdrawn';
}

/**
 * `file` must be a database already migrated to the live schema version (the backup service prepares a copy).
 * `takenAtIso` is when the backup was made: erasures after it are applied again.
 */
export function restoreInto(db: WritableDb, clock: Clock, file: string, takenAtIso: string): RestoreOutcome {
  db.prepare(`ATTACH DATABASE ? AS ${SOURCE}`).run(file);
  try {
    return db.transaction((): RestoreOutcome => {
      // Foreign keys are checked at commit, so tables can be emptied and filled in any order.
      db.pragma('defer_foreign_keys = ON');
      const laterErasures = db
        .prepare<[string], { details: string; action: LaterErasure['action'] }>(
          `SELECT details, action FROM main.audit_log
           WHERE action IN ('customer.biometrics_erased', 'consent.withdrawn') AND at >= ? ORDER BY id`,
        )
        .all(takenAtIso)
        .map((row) => ({
          action: row.action,
          customerId: String((JSON.parse(row.details) as { customerId?: unknown }).customerId),
        }));
      const newestInBackup =
        db.prepare<[], string | null>(`SELECT MAX(at) FROM ${SOURCE}.audit_log`).pluck().get() ?? '';
      db.exec(`CREATE TEMP TABLE restore_kept_audit AS SELECT at, actor, action, details FROM main.audit_log WHERE 0`);
      db.prepare(
        `INSERT INTO temp.restore_kept_audit SELECT at, actor, action, details FROM main.audit_log WHERE at > ? ORDER BY id`,
      ).run(newestInBackup);

      const live = tablesOf(db, 'main').filter((t) => t !== 'schema_migrations');
      const inBackup = new Set(tablesOf(db, SOURCE));
      const ordered = [...FIRST.filter((t) => live.includes(t)), ...live.filter((t) => !FIRST.includes(t))];
      for (const table of [...ordered].reverse()) db.exec(`DELETE FROM main.${quote(table)}`);
      let rows = 0;
      for (const table of ordered) {
        if (!inBackup.has(table)) continue;
        const source = new Set(columnsOf(db, table, SOURCE));
        const columns = columnsOf(db, table, 'main')
          .filter((c) => source.has(c))
          .map(quote)
          .join(', ');
        rows += db
          .prepare(`INSERT INTO main.${quote(table)} (${columns}) SELECT ${columns} FROM ${SOURCE}.${quote(table)}`)
          .run().changes;
      }
      // AUTOINCREMENT counters follow the data, so ids continue from the backup's.
      const hasSequence = (schema: string): boolean =>
        db.prepare(`SELECT 1 FROM ${schema}.sqlite_schema WHERE name = 'sqlite_sequence'`).pluck().get() !== undefined;
      if (hasSequence('main') && hasSequence(SOURCE)) {
        db.exec(
          `DELETE FROM main.sqlite_sequence; INSERT INTO main.sqlite_sequence SELECT * FROM ${SOURCE}.sqlite_sequence`,
        );
      }

      const auditKept = db
        .prepare(
          'INSERT INTO main.audit_log (at, actor, action, details) SELECT at, actor, action, details FROM temp.restore_kept_audit ORDER BY rowid',
        )
        .run().changes;
      db.exec('DROP TABLE temp.restore_kept_audit');

      let erasuresReapplied = 0;
      for (const erasure of laterErasures) {
        const exists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck().get(erasure.customerId) !== undefined;
        if (!exists) continue;
        if (erasure.action === 'customer.biometrics_erased')
          eraseCustomerBiometrics(db, clock, erasure.customerId, 'restore');
        else withdrawConsent(db, clock, erasure.customerId, 'restore');
        erasuresReapplied += 1;
      }
      return { tables: ordered.length, rows, auditKept, erasuresReapplied };
    })();
  } finally {
    db.exec(`DETACH DATABASE ${SOURCE}`);
  }
}
