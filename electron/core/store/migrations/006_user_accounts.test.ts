import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDb } from '../database.js';
import { schemaVersion } from '../migrate.js';
import { openAtMigration } from '../testing.js';

const THIS_VERSION = 6;
let close: () => void;
let db: WritableDb;

beforeEach(() => {
  ({ db, close } = openAtMigration(THIS_VERSION, (before) => {
    before.exec(`
      INSERT INTO users (username, role, password_hash, created_at) VALUES ('maria', 'manager', 'scrypt$x', '2026-01-01T00:00:00.000Z');
      INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01T00:00:00.000Z', 'maria', 'user.created');
    `);
  }));
});
afterEach(() => close());

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
