/**
 * The schema migration runner. Migrations are numbered 1..n with no gaps, one per file, listed in
 * `migrations/index.ts`. Each runs in its own transaction together with its `schema_migrations` row,
 * so a failed migration leaves the database exactly at the previous version.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface Migration {
  /** 1, 2, 3 … in the order they must run; equals the number in the file name. */
  readonly version: number;
  /** Short snake_case name, equals the rest of the file name. */
  readonly name: string;
  /**
   * Set when the migration rebuilds tables (create new, copy, drop old, rename). SQLite cannot
   * switch foreign keys off inside a transaction, so the runner does it around the transaction and
   * runs `foreign_key_check` before committing.
   */
  readonly disableForeignKeys?: boolean;
  up(db: WritableDb): void;
}

export interface MigrateOptions {
  readonly logger: Logger;
  readonly clock: Clock;
  /** Stop at this version instead of the newest (migration tests use it to build the previous schema). */
  readonly target?: number;
}

export interface MigrateOutcome {
  readonly from: number;
  readonly to: number;
  readonly applied: number[];
}

/** The file's schema is newer than this build knows: opening it could lose or corrupt data. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This database was written by a newer version of Smart Store Kiosk (schema ${found}; this version knows up to ${known}). ` +
        'Install the newer version, or choose another folder with --data-dir.',
    );
    this.name = 'SchemaTooNewError';
  }
}

const RUNNER_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`;

/** The highest applied migration, 0 for a fresh file. */
export function schemaVersion(db: ReadableDb): number {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .pluck()
    .get();
  if (hasTable === undefined) return 0;
  const version: unknown = db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get();
  return typeof version === 'number' ? version : 0;
}

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration list is out of order: position ${index + 1} holds version ${migration.version} (${migration.name}).`,
      );
    }
  });
}

export function migrate(db: WritableDb, migrations: readonly Migration[], options: MigrateOptions): MigrateOutcome {
  checkList(migrations);
  const latest = migrations.length;
  const target = options.target ?? latest;
  if (target < 0 || target > latest) throw new Error(`Cannot migrate to version ${target}; known: 0..${latest}.`);

  db.exec(RUNNER_TABLE);
  const from = schemaVersion(db);
  if (from > latest) throw new SchemaTooNewError(from, latest);

  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > target) continue;
    const run = db.transaction(() => {
      migration.up(db);
      if (migration.disableForeignKeys === true) {
        const problems = db.pragma('foreign_key_check') as unknown[];
        if (problems.length > 0) {
          throw new Error(`Migration ${migration.version} (${migration.name}) broke ${problems.length} foreign keys.`);
        }
      }
      record.run(migration.version, migration.name, isoAt(options.clock.now()));
    });
    if (migration.disableForeignKeys === true) db.pragma('foreign_keys = OFF');
    try {
      run();
    } finally {
      if (migration.disableForeignKeys === true) db.pragma('foreign_keys = ON');
    }
    options.logger.info('applied migration', { version: migration.version, name: migration.name });
    applied.push(migration.version);
  }
  return { from, to: Math.max(from, Math.min(target, latest)), applied };
}
