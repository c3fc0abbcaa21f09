/**
 * Audience estimates as hourly counts: the vision pipeline calls `recordAudienceAggregate` once per new face
 * (a new track) with what the engine estimated, and this adds 1 to the camera's hour for the age band, gender
 * and expression. Nothing per person is kept: no id, no time finer than the hour, no image, no exact age.
 * It writes only when the manager turned audience estimates on; otherwise the estimates are dropped here.
 */
import { EXPRESSIONS, type AGE_BANDS, type AUDIENCE_DIMENSIONS } from '../../contract/admin-dto.js';
import type { Clock } from '../clock.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { hourKey } from '../store/footfall.js';
import { getSetting } from '../store/settings.js';
import { AUDIENCE_ESTIMATES_KEY } from './privacy-settings.js';

export type AudienceDimension = (typeof AUDIENCE_DIMENSIONS)[number];
export type AgeBand = (typeof AGE_BANDS)[number];

export interface AudienceEstimate {
  readonly cameraId: string;
  /** Estimated age in years; bucketed here, never stored as a number. */
  readonly age?: number | null;
  readonly gender?: 'female' | 'male' | null;
  /** The engine's expression label (neutral, happy …); anything unknown counts as 'unknown'. */
  readonly expression?: string | null;
}

const BAND_FLOORS: readonly [number, AgeBand][] = [
  [65, '65+'],
  [55, '55-64'],
  [45, '45-54'],
  [35, '35-44'],
  [25, '25-34'],
  [18, '18-24'],
  [0, '0-17'],
];

export function ageBand(age: number): AgeBand {
  for (const [floor, band] of BAND_FLOORS) if (age >= floor) return band;
  return '0-17';
}

function expressionLabel(value: string): (typeof EXPRESSIONS)[number] {
  const lower = value.toLowerCase();
  // Engines spell it 'surprised' or 'surprise'; one label either way.
  const normal = lower === 'surprised' ? 'surprise' : lower;
  return (EXPRESSIONS as readonly string[]).includes(normal) ? (normal as (typeof EXPRESSIONS)[number]) : 'unknown';
}

export function audienceEstimatesEnabled(db: ReadableDb): boolean {
  return getSetting(db, AUDIENCE_ESTIMATES_KEY) === true;
}

/**
 * Adds one face to the hour's counts for whichever estimates are present. Returns false (and writes nothing)
 * when audience estimates are off.
 */
export function recordAudienceAggregate(db: WritableDb, clock: Clock, estimate: AudienceEstimate): boolean {
  if (!audienceEstimatesEnabled(db)) return false;
  const hour = hourKey(clock.now());
  const add = db.prepare(
    `INSERT INTO audience_hourly (camera_id, hour, dimension, value, count) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (camera_id, hour, dimension, value) DO UPDATE SET count = count + 1`,
  );
  const rows: [AudienceDimension, string][] = [];
  if (typeof estimate.age === 'number' && Number.isFinite(estimate.age)) rows.push(['age_band', ageBand(estimate.age)]);
  if (estimate.gender !== undefined) rows.push(['gender', estimate.gender ?? 'unknown']);
  if (estimate.expression !== undefined) rows.push(['expression', expressionLabel(estimate.expression ?? 'unknown')]);
  db.transaction(() => {
    for (const [dimension, value] of rows) add.run(estimate.cameraId, hour, dimension, value);
  })();
  return true;
}

export interface AudienceCount {
  readonly cameraId: string;
  readonly hour: string;
  readonly dimension: AudienceDimension;
  readonly value: string;
  readonly count: number;
}

/** Counts from the hour containing `fromMs` up to, not including, the hour containing `toMs`. */
export function audienceBetween(
  db: ReadableDb,
  range: { fromMs: number; toMs: number; cameraId?: string },
): AudienceCount[] {
  return db
    .prepare<
      { from: string; to: string; camera: string | null },
      { camera_id: string; hour: string; dimension: AudienceDimension; value: string; count: number }
    >(
      `SELECT camera_id, hour, dimension, value, count FROM audience_hourly
       WHERE hour >= @from AND hour < @to AND (@camera IS NULL OR camera_id = @camera)
       ORDER BY hour, camera_id, dimension, value`,
    )
    .all({ from: hourKey(range.fromMs), to: hourKey(range.toMs), camera: range.cameraId ?? null })
    .map((r) => ({ cameraId: r.camera_id, hour: r.hour, dimension: r.dimension, value: r.value, count: r.count }));
}
