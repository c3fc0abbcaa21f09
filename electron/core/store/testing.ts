/**
 * Helpers for store tests: a real SQLite file in a fresh temporary folder, opened the way the app opens
 * it, and removed afterwards. Not used by production code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../clock.js';
import { memoryLogger } from '../logger.js';
import Database from 'better-sqlite3';
import { asWritable, openDatabase, type WritableDb } from './database.js';
import { migrate, schemaVersion } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export interface TestStore {
  readonly db: WritableDb;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly logger: ReturnType<typeof memoryLogger>;
  readonly dir: string;
  readonly file: string;
  close(): void;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-store-'));
}

/** Opens a new database file at `start` (an ISO time) with all migrations applied. */
export function openTestStore(start = '2026-11-20T09:30:00.000Z'): TestStore {
  const dir = tempDir();
  const file = path.join(dir, 'kiosk.sqlite');
  const clock = fixedClock(start);
  const logger = memoryLogger();
  const db = openDatabase(file, { logger, clock });
  return {
    db,
    clock,
    logger,
    dir,
    file,
    close: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Repository root, for reading shared test data by path (never copied into the repo). */
export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** A real JPEG photo from the shared data set. */
export function sampleJpeg(): Buffer {
  return fs.readFileSync(
    path.resolve(repoRoot, '../shared/data/faces/identities/lfw/Colin_Powell/Colin_Powell_0001.jpg'),
  );
}

/**
 * For a migration's own test: a fresh database file migrated to `version - 1`, then `beforeThis(db)` (rows that the
 * migration must carry over), then migrated to `version`. Returns the handle and a cleanup.
 */
export function openAtMigration(
  version: number,
  beforeThis: (db: WritableDb) => void = () => undefined,
): { db: WritableDb; close: () => void } {
  const dir = tempDir();
  const db = asWritable(new Database(path.join(dir, 'kiosk.sqlite')));
  db.pragma('foreign_keys = ON');
  const deps = { logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') };
  migrate(db, MIGRATIONS, { ...deps, target: version - 1 });
  if (schemaVersion(db) !== version - 1) throw new Error(`Could not migrate a fresh database to ${version - 1}.`);
  beforeThis(db);
  migrate(db, MIGRATIONS, { ...deps, target: version });
  return {
    db,
    close: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
