/**
 * Migration 9: clerks' "not this person" answers. One row per rejected recognition: which visit, which enrolled
 * customer the recognition named, on which camera, when, the similarity and lead over the runner-up that led to
 * it, and who said no. Privacy: ids and scores only, never the face, crop or embedding of whoever was really
 * there (a stranger). Rows go with the visit (erasure deletes visits) and with the customer.
 */
import type { Migration } from '../migrate.js';

export const migration009: Migration = {
  version: 9,
  name: 'match_rejections',
  up: (db) => {
    db.exec(`
      CREATE TABLE match_rejections (
        id          INTEGER PRIMARY KEY,
        visit_id    INTEGER NOT NULL UNIQUE REFERENCES visits (id) ON DELETE CASCADE,
        customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        camera_id   TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        score       REAL NOT NULL CHECK (score BETWEEN -1 AND 1),
        clerk       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX match_rejections_by_customer ON match_rejections (customer_id, rejected_at);
    `);
  },
};
