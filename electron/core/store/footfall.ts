/**
 * Footfall: how many faces each camera saw per UTC hour. This is the only trace strangers leave, and
 * it is a number: no image, crop or embedding of an unknown face is ever stored.
 */
import type { Clock } from '../clock.js';
import type { ReadableDb, WritableDb } from './database.js';

/** 'YYYY-MM-DDTHH' in UTC for a time in milliseconds. */
export function hourKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** Adds `faces` (default 1) to the camera's count for the current hour. */
export function incrementFootfall(db: WritableDb, clock: Clock, cameraId: string, faces = 1): void {
  if (!Number.isInteger(faces) || faces < 0) throw new Error(`A face count must be a whole number ≥ 0, got ${faces}.`);
  if (faces === 0) return;
  db.prepare(
    `INSERT INTO footfall_hourly (camera_id, hour, faces_seen) VALUES (?, ?, ?)
     ON CONFLICT (camera_id, hour) DO UPDATE SET faces_seen = faces_seen + excluded.faces_seen`,
  ).run(cameraId, hourKey(clock.now()), faces);
}

export interface FootfallHour {
  readonly cameraId: string;
  readonly hour: string;
  readonly facesSeen: number;
}

/** Counts from the hour containing `fromMs` up to, not including, the hour containing `toMs`; oldest first. */
export function footfallBetween(
  db: ReadableDb,
  range: { fromMs: number; toMs: number; cameraId?: string },
): FootfallHour[] {
  return db
    .prepare<
      { from: string; to: string; camera: string | null },
      { camera_id: string; hour: string; faces_seen: number }
    >(
      `SELECT camera_id, hour, faces_seen FROM footfall_hourly
       WHERE hour >= @from AND hour < @to AND (@camera IS NULL OR camera_id = @camera)
       ORDER BY hour, camera_id`,
    )
    .all({ from: hourKey(range.fromMs), to: hourKey(range.toMs), camera: range.cameraId ?? null })
    .map((row) => ({ cameraId: row.camera_id, hour: row.hour, facesSeen: row.faces_seen }));
}
