/**
 * Migration 3: offline-first sync with the chain over MQTT (see docs/sync.md).
 * - `sync_outbox`: messages for the chain, written in the same transaction as the local change they describe;
 *   a row is marked sent only when the broker acknowledged it (PUBACK), so nothing is lost across a crash.
 * - `sync_inbox`: ids of messages from the chain already handled, so a redelivery never applies twice.
 * - `sync_quarantine`: messages from the chain that failed validation or a rule, with the reason.
 * - `sync_state`: small facts about the sync (last error, footfall hours already sent …), JSON values.
 * - `sync_orders`, `sync_catalogue`, `sync_campaigns`, `sync_erasures`: what the conflict rules need to remember.
 */
import type { Migration } from '../migrate.js';

const SQL = `
CREATE TABLE sync_outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  -- The message body as JSON; the envelope (id, kind, store, time) is added when it is published.
  body       TEXT NOT NULL CHECK (json_valid(body)),
  -- The customer the message is about, so an erasure can drop what was not sent yet.
  subject    TEXT,
  created_at TEXT NOT NULL,
  sent_at    TEXT,
  attempts   INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0)
) STRICT;
CREATE INDEX sync_outbox_waiting ON sync_outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX sync_outbox_by_subject ON sync_outbox (subject) WHERE subject IS NOT NULL;
CREATE INDEX sync_outbox_sent ON sync_outbox (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE sync_inbox (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'ignored', 'quarantined')),
  received_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_inbox_by_time ON sync_inbox (received_at);

-- excerpt is at most a few KB of the raw payload, and never for kinds that may carry face templates.
CREATE TABLE sync_quarantine (
  id          INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  topic       TEXT NOT NULL,
  message_id  TEXT,
  kind        TEXT,
  reason      TEXT NOT NULL,
  bytes       INTEGER NOT NULL CHECK (bytes >= 0),
  excerpt     TEXT
) STRICT;

CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

-- Orders that came from the chain. order_id is NULL when the cancellation arrived before the order.
CREATE TABLE sync_orders (
  chain_order_id TEXT PRIMARY KEY,
  order_id       INTEGER UNIQUE REFERENCES orders (id) ON DELETE CASCADE,
  cancelled_at   TEXT
) STRICT;

-- The chain version that last wrote each product (last writer wins by version).
CREATE TABLE sync_catalogue (
  product_id TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
  version    INTEGER NOT NULL CHECK (version >= 0)
) STRICT, WITHOUT ROWID;

-- Campaigns from the chain, for the customer display to read. product_ids is a JSON array.
CREATE TABLE sync_campaigns (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL CHECK (version >= 0),
  title       TEXT NOT NULL,
  message     TEXT NOT NULL,
  product_ids TEXT NOT NULL CHECK (json_valid(product_ids)),
  starts_at   TEXT NOT NULL,
  ends_at     TEXT NOT NULL,
  active      INTEGER NOT NULL CHECK (active IN (0, 1)),
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sync_campaigns_current ON sync_campaigns (active, starts_at, ends_at);

-- Erasures known here (local or from the chain): an enrolment whose consent is not newer is never applied.
CREATE TABLE sync_erasures (
  customer_id TEXT PRIMARY KEY,
  erased_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

export const migration003: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(SQL);
  },
};
