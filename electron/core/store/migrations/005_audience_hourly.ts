/**
 * Migration 5: audience estimates as hourly aggregates. For each camera and UTC hour, how many new faces fell in
 * each age band, gender and expression: counts only, never a row per person, so nothing here can be traced back
 * to anyone. The CHECK lists the allowed values so a bug above cannot smuggle a free-text label (or an id) in.
 */
import type { Migration } from '../migrate.js';

export const migration005: Migration = {
  version: 5,
  name: 'audience_hourly',
  up: (db) => {
    db.exec(`
      CREATE TABLE audience_hourly (
        camera_id TEXT NOT NULL,
        hour      TEXT NOT NULL CHECK (hour GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]'),
        dimension TEXT NOT NULL CHECK (dimension IN ('age_band', 'gender', 'expression')),
        value     TEXT NOT NULL CHECK (
          (dimension = 'age_band' AND value IN ('0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'))
          OR (dimension = 'gender' AND value IN ('female', 'male', 'unknown'))
          OR (dimension = 'expression'
              AND value IN ('neutral', 'happy', 'surprise', 'sad', 'angry', 'fear', 'disgust', 'unknown'))
        ),
        count     INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
        PRIMARY KEY (camera_id, hour, dimension, value)
      ) STRICT, WITHOUT ROWID;
      -- Retention purges by hour across cameras.
      CREATE INDEX audience_hourly_by_hour ON audience_hourly (hour);
      CREATE INDEX footfall_hourly_by_hour ON footfall_hourly (hour);
    `);
  },
};
