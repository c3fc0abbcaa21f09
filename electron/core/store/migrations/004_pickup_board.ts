/**
 * Migration 4: the pickup board and the customer display's schedule.
 *
 * visits (new columns)
 * - match_status  'auto' (recognised while confirmation was off, and every visit before this migration),
 *                 'pending' (waiting for a clerk: "Is this Anna K.?"), 'confirmed' or 'rejected' ("not her").
 *                 The customer display shows nothing personal for a pending or rejected visit.
 * - reviewed_by / reviewed_at   the clerk who answered, and when.
 * - dismissed_by                the clerk who dismissed the ticket (alert_dismissed_at, from migration 2, says when).
 *
 * order_events (new column)
 * - kind  'move' (creation and every forward bump) or 'recall' (a clerk undid the last bump: one step back).
 *
 * orders_status_forward_only (replaced)
 *   Forward moves as before. A backward move of exactly one step (ready -> preparing, collected -> ready) is
 *   allowed only when the order's newest order_events row is a 'recall' for exactly that step, so a recall has
 *   to be recorded (with the clerk's name) before it can happen; any other backward UPDATE still aborts.
 *
 * campaigns (new table; the sync helper writes campaigns it receives from the backend here, with source 'sync')
 * - id            stable id (the backend's id for synced campaigns)
 * - headline      1..80 characters, the big line on the customer display
 * - body          0..200 characters, the line under it
 * - product_id    optional product whose picture and price the slide shows (cleared if the product is deleted)
 * - starts_on / ends_on   optional local dates 'YYYY-MM-DD', both inclusive
 * - days          optional JSON array of weekdays 0..6 (0 = Sunday, as in camera working hours); NULL = every day
 * - start_time / end_time optional local 'HH:MM' window, both or neither; end before start runs past midnight
 *                 (the weekday is the day the window opens); NULL = all day
 * - priority      higher first in the idle loop
 * - active        0/1; an inactive campaign is never shown
 * - source        'local' (made in this store) or 'sync' (received from the backend)
 * - updated_at    ISO time of the last change
 */
import type { Migration } from '../migrate.js';

const HHMM = `'[0-2][0-9]:[0-5][0-9]'`;
const DATE = `'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;

export const migration004: Migration = {
  version: 4,
  name: 'pickup_board',
  up: (db) => {
    db.exec(`
      ALTER TABLE visits ADD COLUMN match_status TEXT NOT NULL DEFAULT 'auto'
        CHECK (match_status IN ('auto', 'pending', 'confirmed', 'rejected'));
      ALTER TABLE visits ADD COLUMN reviewed_by TEXT;
      ALTER TABLE visits ADD COLUMN reviewed_at TEXT;
      ALTER TABLE visits ADD COLUMN dismissed_by TEXT;

      ALTER TABLE order_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'move' CHECK (kind IN ('move', 'recall'));

      DROP TRIGGER orders_status_forward_only;
      CREATE TRIGGER orders_status_forward_only
      BEFORE UPDATE OF status ON orders
      WHEN NOT (
        OLD.status = NEW.status
        OR (OLD.status = 'preparing' AND NEW.status IN ('ready', 'cancelled'))
        OR (OLD.status = 'ready' AND NEW.status IN ('collected', 'cancelled'))
        OR (
          ((OLD.status = 'ready' AND NEW.status = 'preparing') OR (OLD.status = 'collected' AND NEW.status = 'ready'))
          AND EXISTS (
            SELECT 1 FROM order_events e
             WHERE e.id = (SELECT MAX(id) FROM order_events WHERE order_id = NEW.id)
               AND e.kind = 'recall' AND e.from_status = OLD.status AND e.to_status = NEW.status
          )
        )
      )
      BEGIN
        SELECT RAISE(ABORT, 'order status may only move forward (a recall must be recorded first)');
      END;

      CREATE TABLE campaigns (
        id         TEXT PRIMARY KEY,
        headline   TEXT NOT NULL CHECK (length(headline) BETWEEN 1 AND 80),
        body       TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 200),
        product_id TEXT REFERENCES products (id) ON DELETE SET NULL,
        starts_on  TEXT CHECK (starts_on GLOB ${DATE}),
        ends_on    TEXT CHECK (ends_on GLOB ${DATE}),
        days       TEXT CHECK (days IS NULL OR (json_valid(days) AND json_type(days) = 'array')),
        start_time TEXT CHECK (start_time GLOB ${HHMM} AND start_time < '24:00'),
        end_time   TEXT CHECK (end_time GLOB ${HHMM} AND end_time < '24:00'),
        priority   INTEGER NOT NULL DEFAULT 0,
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        source     TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'sync')),
        updated_at TEXT NOT NULL,
        CHECK ((start_time IS NULL) = (end_time IS NULL)),
        CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)
      ) STRICT;
      CREATE INDEX campaigns_active ON campaigns (active, priority DESC);
    `);
  },
};
