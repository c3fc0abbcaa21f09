import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { memoryLogger } from '../logger.js';
import { DatabaseOpenError, openDatabase } from './database.js';
import { schemaVersion } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { tempDir } from './testing.js';

const dirs: string[] = [];
function newDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') });

describe('openDatabase', () => {
  it('opens a new file in WAL mode with foreign keys, a busy timeout and NORMAL sync, fully migrated', () => {
    const file = path.join(newDir(), 'kiosk.sqlite');
    const db = openDatabase(file, deps());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // 1 = NORMAL
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('creates missing parent folders of the data file', () => {
    const file = path.join(newDir(), 'a', 'b', 'kiosk.sqlite');
    openDatabase(file, deps()).close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('says which file it could not open and what to do when the path is inside a regular file', () => {
    const blocker = path.join(newDir(), 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const file = path.join(blocker, 'kiosk.sqlite');
    let caught: unknown;
    try {
      openDatabase(file, deps());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseOpenError);
    expect((caught as Error).message).toContain(`Cannot open the database at ${file}:`);
    expect((caught as Error).message).toContain('Choose another folder with --data-dir.');
  });

  it('refuses a file that is not a SQLite database with the same clear sentence', () => {
    const file = path.join(newDir(), 'kiosk.sqlite');
    fs.writeFileSync(file, 'this is a text file, not a database, and it is long enough to have a header'.repeat(20));
    expect(() => openDatabase(file, deps())).toThrow(
      /Cannot open the database at .*kiosk\.sqlite: .*not a database.*--data-dir/,
    );
  });

  it('opens the same file again without changing the schema', () => {
    const file = path.join(newDir(), 'kiosk.sqlite');
    const first = openDatabase(file, deps());
    const schema = first.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    first.close();
    const second = openDatabase(file, deps());
    try {
      expect(second.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
    } finally {
      second.close();
    }
  });
});
