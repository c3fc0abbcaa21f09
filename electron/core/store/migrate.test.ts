import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { memoryLogger } from '../logger.js';
import { asWritable, openDatabase, type WritableDb } from './database.js';
import { migrate, schemaVersion, SchemaTooNewError, type Migration } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { tempDir } from './testing.js';

const dirs: string[] = [];
const open: WritableDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function rawFile(): { db: WritableDb; file: string } {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'kiosk.sqlite');
  const db = asWritable(new Database(file));
  db.pragma('foreign_keys = ON');
  open.push(db);
  return { db, file };
}

const deps = () => ({ logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') });

const tableNames = (db: WritableDb): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrate', () => {
  it('brings a fresh file to the newest version and records each migration with its name and time', () => {
    const { db } = rawFile();
    const outcome = migrate(db, MIGRATIONS, deps());
    expect(outcome).toEqual({ from: 0, to: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.version) });
    expect(db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: '2026-11-20T09:00:00.000Z' })),
    );
  });

  it('does nothing the second time', () => {
    const { db } = rawFile();
    migrate(db, MIGRATIONS, deps());
    const before = db.prepare('SELECT * FROM schema_migrations').all();
    const again = migrate(db, MIGRATIONS, { ...deps(), clock: fixedClock('2027-01-01T00:00:00Z') });
    expect(again.applied).toEqual([]);
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);
  });

  it('stops at a target version, and a later run continues from there', () => {
    const { db } = rawFile();
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x INTEGER)') },
      { version: 2, name: 'two', up: (d) => d.exec('CREATE TABLE two (x INTEGER)') },
    ];
    expect(migrate(db, steps, { ...deps(), target: 1 }).applied).toEqual([1]);
    expect(tableNames(db)).toEqual(['one', 'schema_migrations']);
    expect(migrate(db, steps, deps()).applied).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
  });

  it('rolls a failing migration back completely and leaves the earlier version in place', () => {
    const { db } = rawFile();
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x INTEGER)') },
      {
        version: 2,
        name: 'broken',
        up: (d) => {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          d.exec('INSERT INTO no_such_table VALUES (1)');
        },
      },
    ];
    expect(() => migrate(db, steps, deps())).toThrow(/no such table/);
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).not.toContain('half_done');
  });

  it('switches foreign keys off around a table rebuild and refuses one that breaks them', () => {
    const { db } = rawFile();
    const base: Migration = {
      version: 1,
      name: 'base',
      up: (d) =>
        d.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));
                INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);`),
    };
    const breaking: Migration = {
      version: 2,
      name: 'rebuild_parent_badly',
      disableForeignKeys: true,
      up: (d) =>
        d.exec(
          'CREATE TABLE parent_new (id INTEGER PRIMARY KEY); DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;',
        ),
    };
    expect(() => migrate(db, [base, breaking], deps())).toThrow(/broke 1 foreign keys/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const { db, file } = rawFile();
    migrate(db, MIGRATIONS, deps());
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from_the_future', '2030-01-01T00:00:00.000Z')").run(
      MIGRATIONS.length + 1,
    );
    const snapshot = (d: WritableDb) => ({
      schema: d.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
      migrations: d.prepare('SELECT * FROM schema_migrations ORDER BY version').all(),
    });
    const before = snapshot(db);
    db.close();

    expect(() => openDatabase(file, deps())).toThrow(SchemaTooNewError);
    expect(() => openDatabase(file, deps())).toThrow(/This database was written by a newer version/);
    const reopened = asWritable(new Database(file));
    open.push(reopened);
    expect(snapshot(reopened)).toEqual(before);
  });

  it('rejects a migration list with a gap', () => {
    const { db } = rawFile();
    const gap: Migration[] = [
      { version: 1, name: 'one', up: () => undefined },
      { version: 3, name: 'three', up: () => undefined },
    ];
    expect(() => migrate(db, gap, deps())).toThrow(/position 2 holds version 3/);
  });

  it('lists the shipped migrations as 1..n matching their file names', () => {
    const files = fs
      .readdirSync(path.join(import.meta.dirname, 'migrations'))
      .filter((name) => /^\d{3}_.+\.ts$/.test(name) && !name.endsWith('.test.ts'))
      .sort();
    expect(files).toEqual(MIGRATIONS.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}.ts`));
  });
});
