/**
 * Migration 1: the whole first schema. Conventions used throughout:
 * - times are ISO-8601 UTC strings from `isoAt` (fixed width, so they sort as text);
 * - money is integer cents; booleans are 0/1 with a CHECK;
 * - tables are STRICT so a wrong type is an error instead of a silent conversion.
 * Privacy invariants are enforced here as well as in the services, so a bug above cannot break them.
 */
import type { Migration } from '../migrate.js';

const SQL = `
-- Key/value settings such as the store name; value is JSON.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

-- People who sign in to the admin window. No row is created by default: there is no default password.
-- locked_until is set after repeated failed sign-ins.
CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role            TEXT NOT NULL CHECK (role IN ('manager', 'clerk')),
  password_hash   TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until    TEXT
) STRICT;

-- The catalogue. image_svg is an SVG document drawn in code (never a photo).
CREATE TABLE products (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
  image_svg   TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  promoted    INTEGER NOT NULL DEFAULT 0 CHECK (promoted IN (0, 1))
) STRICT;

-- Loyalty customers. Only a customer can have biometric data, and only with a current consent.
CREATE TABLE customers (
  id         TEXT PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name  TEXT NOT NULL,
  email      TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- One row per receipt line. Kept when a customer's biometrics are erased (it is their purchase record).
CREATE TABLE purchases (
  id           INTEGER PRIMARY KEY,
  receipt_id   TEXT NOT NULL,
  customer_id  TEXT NOT NULL REFERENCES customers (id),
  product_id   TEXT NOT NULL REFERENCES products (id),
  quantity     INTEGER NOT NULL CHECK (quantity > 0),
  price_cents  INTEGER NOT NULL CHECK (price_cents >= 0),
  purchased_at TEXT NOT NULL
) STRICT;
CREATE INDEX purchases_by_customer ON purchases (customer_id, purchased_at);
CREATE INDEX purchases_by_receipt ON purchases (receipt_id);
CREATE INDEX purchases_by_product ON purchases (product_id, purchased_at);

-- Pickup orders. number is the one shown to people (1041, 1042 …); id is internal.
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  number      INTEGER NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  status      TEXT NOT NULL DEFAULT 'preparing'
              CHECK (status IN ('preparing', 'ready', 'collected', 'cancelled')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX orders_by_customer_status ON orders (customer_id, status);
CREATE INDEX orders_by_status ON orders (status, number);

-- Status only moves forward: preparing -> ready -> collected, or to cancelled from an open status.
-- The orders service gives people a clear sentence; this trigger is the backstop.
CREATE TRIGGER orders_status_forward_only
BEFORE UPDATE OF status ON orders
WHEN NOT (
  OLD.status = NEW.status
  OR (OLD.status = 'preparing' AND NEW.status IN ('ready', 'cancelled'))
  OR (OLD.status = 'ready' AND NEW.status IN ('collected', 'cancelled'))
)
BEGIN
  SELECT RAISE(ABORT, 'order status may only move forward');
END;

CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id TEXT NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
) STRICT;

-- Every status change with who made it. from_status is NULL for the creation event.
CREATE TABLE order_events (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  from_status TEXT CHECK (from_status IN ('preparing', 'ready', 'collected', 'cancelled')),
  to_status   TEXT NOT NULL CHECK (to_status IN ('preparing', 'ready', 'collected', 'cancelled')),
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX order_events_by_order ON order_events (order_id, id);

-- Consent to face recognition. At most one current (not withdrawn) consent per customer.
CREATE TABLE consents (
  id               INTEGER PRIMARY KEY,
  customer_id      TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  text_version     TEXT NOT NULL,
  agreed_at        TEXT NOT NULL,
  recorded_by      TEXT NOT NULL,
  thumbnail_agreed INTEGER NOT NULL CHECK (thumbnail_agreed IN (0, 1)),
  withdrawn_at     TEXT
) STRICT;
CREATE UNIQUE INDEX consents_one_current ON consents (customer_id) WHERE withdrawn_at IS NULL;

-- Face templates: numbers derived from enrolment photos (Float32 little-endian), never the photos.
-- model_id keeps templates of different models from ever being compared.
CREATE TABLE face_templates (
  id          INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  model_id    TEXT NOT NULL,
  embedding   BLOB NOT NULL CHECK (length(embedding) > 0 AND length(embedding) % 4 = 0),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX face_templates_by_model ON face_templates (model_id, customer_id);

CREATE TRIGGER face_templates_need_consent
BEFORE INSERT ON face_templates
WHEN NOT EXISTS (SELECT 1 FROM consents WHERE customer_id = NEW.customer_id AND withdrawn_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'no current consent for this customer');
END;

-- A small face picture for staff, only when the customer agreed to it in their current consent.
CREATE TABLE customer_thumbnails (
  customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  jpeg        BLOB NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER customer_thumbnails_need_consent_insert
BEFORE INSERT ON customer_thumbnails
WHEN NOT EXISTS (
  SELECT 1 FROM consents WHERE customer_id = NEW.customer_id AND withdrawn_at IS NULL AND thumbnail_agreed = 1
)
BEGIN
  SELECT RAISE(ABORT, 'no current consent to a thumbnail for this customer');
END;

CREATE TRIGGER customer_thumbnails_need_consent_update
BEFORE UPDATE ON customer_thumbnails
WHEN NOT EXISTS (
  SELECT 1 FROM consents WHERE customer_id = NEW.customer_id AND withdrawn_at IS NULL AND thumbnail_agreed = 1
)
BEGIN
  SELECT RAISE(ABORT, 'no current consent to a thumbnail for this customer');
END;

-- A recognised, consenting customer arriving. Strangers never get a row here.
CREATE TABLE visits (
  id          INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  camera_id   TEXT NOT NULL,
  arrived_at  TEXT NOT NULL,
  score       REAL NOT NULL,
  order_id    INTEGER REFERENCES orders (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX visits_by_customer ON visits (customer_id, arrived_at);
CREATE INDEX visits_by_time ON visits (arrived_at);

-- Faces seen per camera and UTC hour ('YYYY-MM-DDTHH'). Strangers only ever appear here, as counts.
CREATE TABLE footfall_hourly (
  camera_id  TEXT NOT NULL,
  hour       TEXT NOT NULL CHECK (hour GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]'),
  faces_seen INTEGER NOT NULL DEFAULT 0 CHECK (faces_seen >= 0),
  PRIMARY KEY (camera_id, hour)
) STRICT, WITHOUT ROWID;

-- Who did what, for accountability (sign-ins, enrolments, erasures). details is JSON and never
-- holds biometric data or passwords.
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;
CREATE INDEX audit_log_by_time ON audit_log (at);
`;

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
  },
};
