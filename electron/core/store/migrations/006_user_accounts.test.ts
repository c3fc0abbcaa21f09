import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.js';
import { memoryLogger } from '../../logger.js';
import { asWritable, type WritableDb } from '../database.js';
import { migrate, schemaVersion } from '../migrate.js';
import { tempDir } from '../testing.js';
import { MIGRATIONS } from './index.js';

const THIS_VERSION = 6;
const deps = () => ({ logger: memoryLogger(), clock: fixedClock('2026-11-20T09:00:00Z') });

let dir: string;
let db: WritableDb;

beforeEach(() => {
  dir = tempDir();
  db = asWritable(new Database(path.join(dir, 'kiosk.sqlite')));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION - 1 });
  db.exec(`
    INSERT INTO users (username, role, password_hash, created_at) VALUES ('maria', 'manager', 'scrypt$x', '2026-01-01T00:00:00.000Z');
    INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01T00:00:00.000Z', 'maria', 'user.created');
  `);
  migrate(db, MIGRATIONS, { ...deps(), target: THIS_VERSION });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 006 (user accounts)', () => {
  it('leaves existing accounts enabled', () => {
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare("SELECT disabled_at FROM users WHERE username = 'maria'").pluck().get()).toBeNull();
  });

  it('stores a disabling time as text and refuses another type', () => {
    db.prepare('UPDATE users SET disabled_at = ?').run('2026-11-20T09:00:00.000Z');
    expect(() => db.prepare('UPDATE users SET disabled_at = ?').run(Buffer.from([1]))).toThrow(/cannot store BLOB/);
  });

  it('indexes the audit log by action', () => {
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'`)
      .pluck()
      .all();
    expect(indexes).toContain('audit_log_by_action');
  });
});
