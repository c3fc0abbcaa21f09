/**
 * Migration 7: cameras are configured in the database instead of one `--camera` argument. A store runs up to ten;
 * each has a name, a role (only entrance cameras greet customers), a source, an analysis rate, working hours, an
 * enabled switch and privacy masks.
 *
 * `source` may hold an IP camera's user name and password: it is needed to connect, so it is stored, but it is
 * only ever shown or logged through `redactUrl`.
 */
import type { Migration } from '../migrate.js';

export const migration007: Migration = {
  version: 7,
  name: 'cameras',
  up: (db) => {
    db.exec(`
      CREATE TABLE cameras (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        role          TEXT NOT NULL CHECK (role IN ('entrance', 'checkout', 'pickup', 'aisle', 'other')),
        kind          TEXT NOT NULL CHECK (kind IN ('usb', 'mjpeg-url', 'mjpeg-file', 'rtsp', 'y4m-file')),
        -- usb:<device>, a URL (credentials included: never log it unredacted) or an absolute file path.
        source        TEXT NOT NULL,
        sampling_fps  REAL NOT NULL CHECK (sampling_fps > 0 AND sampling_fps <= 30),
        -- JSON {open:"HH:MM", close:"HH:MM", days?:[0..6]}; NULL = around the clock.
        hours         TEXT CHECK (hours IS NULL OR json_valid(hours)),
        enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        -- JSON array of polygons, each an array of {x, y} relative to the frame (0..1).
        masks         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(masks) AND json_type(masks) = 'array'),
        -- JSON {width, height, fps} for USB cameras; NULL otherwise.
        usb_mode      TEXT CHECK (usb_mode IS NULL OR json_valid(usb_mode)),
        -- Display order in the admin window.
        position      INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
    `);
  },
};
