/**
 * Opens the kiosk's SQLite file with the settings the rest of the core relies on (WAL, foreign keys,
 * busy timeout, NORMAL sync) and brings its schema up to date. Everything else in the store takes the
 * handle this returns; nothing opens the file a second way.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;

/**
 * A handle for code that only reads. The brand is a compile-time marker (as in Signal-Desktop): a
 * function that needs to write asks for a `WritableDb`, and a `ReadableDb` cannot be passed to it.
 */
export type ReadableDb = Database.Database & { readonly [readableBrand]: true };
/** A handle that may also write; it can be passed wherever a `ReadableDb` is asked for. */
export type WritableDb = ReadableDb & { readonly [writableBrand]: true };

export interface OpenDatabaseOptions {
  readonly logger: Logger;
  readonly clock: Clock;
}

/** The file could not be opened, created or prepared; the message is meant for the person starting the app. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '');
}

/** Wraps a handle we just opened and configured; the only place the brands are attached. */
export function asWritable(db: Database.Database): WritableDb {
  return db as WritableDb;
}

/**
 * Opens (creating when missing) the database at `file` and runs pending migrations.
 * Throws `DatabaseOpenError` with a sentence that names the file and says what to do, or the
 * migration runner's error when the file was written by a newer version of the app.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): WritableDb {
  const log = options.logger.child('store');
  const inMemory = file === ':memory:';
  const cannotOpen = (error: unknown): DatabaseOpenError =>
    new DatabaseOpenError(
      `Cannot open the database at ${file}: ${reasonOf(error)}. Choose another folder with --data-dir.`,
      { cause: error },
    );

  let raw: Database.Database;
  try {
    if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    raw = new Database(file);
  } catch (error) {
    throw cannotOpen(error);
  }

  const db = asWritable(raw);
  try {
    // The first statement is where SQLite notices a file that is not a database, so it sits inside the try.
    const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
    const expected = inMemory ? 'memory' : 'wal';
    if (mode !== expected) {
      throw new Error(`the journal mode stayed "${mode}" instead of "wal" (is the folder on a network drive?)`);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    if (db.pragma('foreign_keys', { simple: true }) !== 1) {
      throw new Error('foreign key enforcement could not be switched on');
    }
  } catch (error) {
    db.close();
    throw cannotOpen(error);
  }

  try {
    const outcome = migrate(db, MIGRATIONS, { logger: log, clock: options.clock });
    log.info('database open', { file, schemaVersion: outcome.to, applied: outcome.applied });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
