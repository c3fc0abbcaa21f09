/**
 * Migration 2: a clerk can dismiss a pickup alert (a customer who came without wanting their order yet). The
 * staff board is derived from visits, so the dismissal is a column on the visit, not another table.
 */
import type { Migration } from '../migrate.js';

export const migration002: Migration = {
  version: 2,
  name: 'visit_alerts',
  up: (db) => {
    db.exec(`
      ALTER TABLE visits ADD COLUMN alert_dismissed_at TEXT;
      -- The board asks for recent, undismissed visits.
      CREATE INDEX visits_open_alerts ON visits (arrived_at) WHERE alert_dismissed_at IS NULL;
    `);
  },
};
