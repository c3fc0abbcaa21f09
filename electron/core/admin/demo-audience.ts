/**
 * Four weeks of anonymous audience counts for the demo store, so the reports tab has something to show before a
 * real camera has counted anyone: faces per hour during opening hours, and age band, gender and expression
 * totals for those faces. Counts only, like the real thing; deterministic for a given day.
 */
import type { Clock } from '../clock.js';
import type { WritableDb } from '../store/database.js';
import { hourKey } from '../store/footfall.js';
import { setSetting } from '../store/settings.js';
import { AUDIENCE_ESTIMATES_KEY } from './privacy-settings.js';

export const DEMO_AUDIENCE_DAYS = 28;

const HOUR_MS = 60 * 60 * 1000;

/** Busy at lunch and after work, quiet in the morning; a little more on Saturdays. */
const HOURLY_SHAPE = [0, 0, 0, 0, 0, 0, 0, 2, 6, 8, 9, 11, 16, 14, 9, 8, 10, 15, 17, 12, 6, 0, 0, 0];
const AGE_WEIGHTS: [string, number][] = [
  ['0-17', 5],
  ['18-24', 14],
  ['25-34', 26],
  ['35-44', 22],
  ['45-54', 15],
  ['55-64', 11],
  ['65+', 7],
];
const GENDER_WEIGHTS: [string, number][] = [
  ['female', 49],
  ['male', 47],
  ['unknown', 4],
];
const EXPRESSION_WEIGHTS: [string, number][] = [
  ['neutral', 61],
  ['happy', 27],
  ['surprise', 4],
  ['sad', 4],
  ['angry', 2],
  ['unknown', 2],
];

function split(total: number, weights: readonly [string, number][], jitter: () => number): [string, number][] {
  const sum = weights.reduce((s, [, w]) => s + w, 0);
  let left = total;
  return weights.map(([value, weight], i) => {
    const share = i === weights.length - 1 ? left : Math.min(left, Math.round((total * weight * jitter()) / sum));
    left -= share;
    return [value, share];
  });
}

export function seedDemoAudience(db: WritableDb, clock: Clock, cameraId: string): { hours: number; faces: number } {
  let state = 0x2545f491;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const jitter = (): number => 0.8 + 0.4 * random();
  const footfall = db.prepare('INSERT OR IGNORE INTO footfall_hourly (camera_id, hour, faces_seen) VALUES (?, ?, ?)');
  const audience = db.prepare(
    'INSERT OR IGNORE INTO audience_hourly (camera_id, hour, dimension, value, count) VALUES (?, ?, ?, ?, ?)',
  );
  const end = Math.floor(clock.now() / HOUR_MS) * HOUR_MS;
  let hours = 0;
  let faces = 0;
  db.transaction(() => {
    setSetting(db, AUDIENCE_ESTIMATES_KEY, true);
    for (let t = end - DEMO_AUDIENCE_DAYS * 24 * HOUR_MS; t < end; t += HOUR_MS) {
      const at = new Date(t);
      const base = HOURLY_SHAPE[at.getHours()] ?? 0;
      if (base === 0 || at.getDay() === 0) continue;
      const count = Math.round(base * (at.getDay() === 6 ? 1.3 : 1) * jitter());
      if (count === 0) continue;
      const hour = hourKey(t);
      footfall.run(cameraId, hour, count);
      for (const [value, n] of split(count, AGE_WEIGHTS, jitter))
        if (n > 0) audience.run(cameraId, hour, 'age_band', value, n);
      for (const [value, n] of split(count, GENDER_WEIGHTS, jitter))
        if (n > 0) audience.run(cameraId, hour, 'gender', value, n);
      for (const [value, n] of split(count, EXPRESSION_WEIGHTS, jitter))
        if (n > 0) audience.run(cameraId, hour, 'expression', value, n);
      hours += 1;
      faces += count;
    }
  })();
  return { hours, faces };
}
