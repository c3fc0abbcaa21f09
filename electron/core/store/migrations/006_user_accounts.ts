/**
 * Migration 6: accounts can be disabled (a clerk who left) without deleting them, so the audit log's names keep
 * pointing at someone. A disabled account cannot sign in; its row and history stay.
 */
import type { Migration } from '../migrate.js';

export const migration006: Migration = {
  version: 6,
  name: 'user_accounts',
  up: (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN disabled_at TEXT;
      -- The audit viewer filters by actor and action, newest first.
      CREATE INDEX audit_log_by_action ON audit_log (action, id);
    `);
  },
};
