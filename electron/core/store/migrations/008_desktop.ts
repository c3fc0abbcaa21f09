/**
 * Migration 8: the desktop product's tables. `cloud_usage` counts cloud matching calls per month and operation
 * (the admin window shows the month's count; the seed paid about $1 per 1,000 calls). `lan_pairings` holds the
 * clerks' tablets paired over the store's LAN: only a SHA-256 of each token, so a copy of the database cannot be
 * used to pose as a tablet; revoking deletes the row.
 */
import type { Migration } from '../migrate.js';

export const migration008: Migration = {
  version: 8,
  name: 'desktop',
  up: (db) => {
    db.exec(`
      CREATE TABLE cloud_usage (
        month            TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        operation        TEXT NOT NULL CHECK (length(operation) BETWEEN 1 AND 60),
        calls            INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
        failures         INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0 AND failures <= calls),
        latency_ms_total REAL NOT NULL DEFAULT 0 CHECK (latency_ms_total >= 0),
        PRIMARY KEY (month, operation)
      ) STRICT;

      CREATE TABLE lan_pairings (
        id           TEXT PRIMARY KEY,
        label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
        token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        created_at   TEXT NOT NULL,
        last_seen_at TEXT
      ) STRICT;
    `);
  },
};
