/**
 * The audience report for the admin window: footfall per hour and day, recognised visits and returning enrolled
 * customers, time from arrival to collection and pickup waiting times, and the audience estimates as shares.
 * Everything is computed from counts (footfall, audience) or from visits of consenting customers; days and
 * hours are the store's local ones.
 */
import {
  AGE_BANDS,
  EXPRESSIONS,
  GENDERS,
  type AudienceReport,
  type DurationStats,
  type ReportQuery,
} from '../../contract/admin-dto.js';
import { CommandError } from '../../contract/result.js';
import { isoAt } from '../clock.js';
import type { ReadableDb } from '../store/database.js';
import { footfallBetween } from '../store/footfall.js';
import { audienceBetween } from './audience-aggregates.js';
import { datesBetween, localTimeIn, nextDate, startOfLocalDay } from './local-time.js';

/** A report covers at most this many days (a year and a day), so one request cannot scan years of data. */
export const MAX_REPORT_DAYS = 366;

const MINUTE_MS = 60_000;

export const DURATION_BUCKETS: readonly { label: string; upToMinutes: number }[] = [
  { label: '< 1 min', upToMinutes: 1 },
  { label: '1–2 min', upToMinutes: 2 },
  { label: '2–5 min', upToMinutes: 5 },
  { label: '5–10 min', upToMinutes: 10 },
  { label: '10–20 min', upToMinutes: 20 },
  { label: '20+ min', upToMinutes: Infinity },
];

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? null;
}

export function durationStats(minutes: readonly number[]): DurationStats {
  const sorted = [...minutes].sort((a, b) => a - b);
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length,
    medianMinutes: round(quantile(sorted, 0.5)),
    p90Minutes: round(quantile(sorted, 0.9)),
    buckets: DURATION_BUCKETS.map((bucket, i) => {
      const lower = i === 0 ? -Infinity : (DURATION_BUCKETS[i - 1]?.upToMinutes ?? -Infinity);
      return { label: bucket.label, count: sorted.filter((m) => m >= lower && m < bucket.upToMinutes).length };
    }),
  };
}

export interface ReportRange {
  readonly fromMs: number;
  readonly toMs: number;
  readonly dates: string[];
}

export function reportRange(query: Pick<ReportQuery, 'from' | 'to'>, timeZone: string): ReportRange {
  const dates = datesBetween(query.from, query.to);
  if (dates.length > MAX_REPORT_DAYS) {
    throw new CommandError('invalid_payload', `Choose at most ${MAX_REPORT_DAYS} days; the range has ${dates.length}.`);
  }
  return { fromMs: startOfLocalDay(timeZone, query.from), toMs: startOfLocalDay(timeZone, nextDate(query.to)), dates };
}

/** 'YYYY-MM-DDTHH' (UTC hour) to the instant it starts. */
export function hourStart(hour: string): number {
  return Date.parse(`${hour}:00:00.000Z`);
}

interface VisitRow {
  customer_id: string;
  camera_id: string;
  arrived_at: string;
  order_id: number | null;
  ready_at: string | null;
  collected_at: string | null;
}

export function buildAudienceReport(db: ReadableDb, query: ReportQuery, timeZone: string): AudienceReport {
  const range = reportRange(query, timeZone);
  const local = localTimeIn(timeZone);
  const camera = query.cameraId;

  const cameras = new Set<string>();
  const footfallByHour = new Array<number>(24).fill(0);
  const facesByDate = new Map<string, number>(range.dates.map((d) => [d, 0]));
  let faces = 0;
  for (const row of footfallBetween(db, { fromMs: range.fromMs, toMs: range.toMs })) {
    cameras.add(row.cameraId);
    if (camera !== undefined && row.cameraId !== camera) continue;
    const at = local(hourStart(row.hour));
    footfallByHour[at.hour] = (footfallByHour[at.hour] ?? 0) + row.facesSeen;
    facesByDate.set(at.date, (facesByDate.get(at.date) ?? 0) + row.facesSeen);
    faces += row.facesSeen;
  }

  const shares = {
    age_band: new Map<string, number>(),
    gender: new Map<string, number>(),
    expression: new Map<string, number>(),
  };
  for (const row of audienceBetween(db, { fromMs: range.fromMs, toMs: range.toMs })) {
    cameras.add(row.cameraId);
    if (camera !== undefined && row.cameraId !== camera) continue;
    const map = shares[row.dimension];
    map.set(row.value, (map.get(row.value) ?? 0) + row.count);
  }

  // Visits in range with their order's first 'ready' and 'collected' moves.
  const visits = db
    .prepare<{ from: string; to: string; camera: string | null }, VisitRow>(
      `SELECT v.customer_id, v.camera_id, v.arrived_at, v.order_id,
              (SELECT MIN(e.at) FROM order_events e WHERE e.order_id = v.order_id AND e.to_status = 'ready') AS ready_at,
              (SELECT MIN(e.at) FROM order_events e WHERE e.order_id = v.order_id AND e.to_status = 'collected') AS collected_at
         FROM visits v
        WHERE v.arrived_at >= @from AND v.arrived_at < @to AND (@camera IS NULL OR v.camera_id = @camera)
        ORDER BY v.arrived_at, v.id`,
    )
    .all({ from: isoAt(range.fromMs), to: isoAt(range.toMs), camera: camera ?? null });
  for (const v of db
    .prepare<{ from: string; to: string }, string>(
      'SELECT DISTINCT camera_id FROM visits WHERE arrived_at >= @from AND arrived_at < @to',
    )
    .pluck()
    .all({ from: isoAt(range.fromMs), to: isoAt(range.toMs) }))
    cameras.add(v);

  // A customer is returning on a day when they had a visit on an earlier day (within or before the range).
  const firstDay = new Map<string, string>();
  const before = db.prepare<[string, string], string | null>(
    'SELECT MIN(arrived_at) FROM visits WHERE customer_id = ? AND arrived_at < ?',
  );
  const byDate = new Map<string, { visits: number; customers: Set<string>; returning: Set<string> }>(
    range.dates.map((d) => [d, { visits: 0, customers: new Set(), returning: new Set() }]),
  );
  const returningOverall = new Set<string>();
  const customers = new Set<string>();
  const toCollection: number[] = [];
  const waits: number[] = [];
  const seenOrders = new Set<number>();
  for (const visit of visits) {
    const arrived = Date.parse(visit.arrived_at);
    const date = local(arrived).date;
    if (!firstDay.has(visit.customer_id)) {
      const earlier = before.pluck().get(visit.customer_id, isoAt(range.fromMs));
      firstDay.set(
        visit.customer_id,
        earlier === null || earlier === undefined ? date : local(Date.parse(earlier)).date,
      );
    }
    const day = byDate.get(date);
    if (day) {
      day.visits += 1;
      day.customers.add(visit.customer_id);
      if ((firstDay.get(visit.customer_id) ?? date) < date) {
        day.returning.add(visit.customer_id);
        returningOverall.add(visit.customer_id);
      }
    }
    customers.add(visit.customer_id);
    // The first arrival for an order counts; a later visit for the same order is the same wait.
    if (visit.order_id !== null && !seenOrders.has(visit.order_id)) {
      seenOrders.add(visit.order_id);
      if (visit.collected_at !== null && Date.parse(visit.collected_at) >= arrived) {
        toCollection.push((Date.parse(visit.collected_at) - arrived) / MINUTE_MS);
      }
      if (visit.ready_at !== null) waits.push(Math.max(0, Date.parse(visit.ready_at) - arrived) / MINUTE_MS);
    }
  }

  const ordered = (map: Map<string, number>, values: readonly string[]) =>
    values.map((value) => ({ value, count: map.get(value) ?? 0 }));

  return {
    from: query.from,
    to: query.to,
    timeZone,
    cameraId: camera ?? null,
    cameras: [...cameras].sort(),
    totals: { faces, visits: visits.length, customers: customers.size, returningCustomers: returningOverall.size },
    footfallByHour,
    footfallByDay: range.dates.map((date) => ({ date, faces: facesByDate.get(date) ?? 0 })),
    visitsByDay: range.dates.map((date) => {
      const day = byDate.get(date);
      return {
        date,
        visits: day?.visits ?? 0,
        customers: day?.customers.size ?? 0,
        returning: day?.returning.size ?? 0,
      };
    }),
    arrivalToCollection: durationStats(toCollection),
    pickupWait: durationStats(waits),
    audience: {
      ageBands: ordered(shares.age_band, AGE_BANDS),
      genders: ordered(shares.gender, GENDERS),
      expressions: ordered(shares.expression, EXPRESSIONS),
    },
  };
}
