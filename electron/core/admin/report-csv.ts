/**
 * The audience report as CSV for a spreadsheet: one row per local date, hour, camera and measure, so it pivots
 * easily, followed by the period's waiting-time summary. Only counts and durations: nothing names a person.
 */
import type { CsvExport, ReportQuery } from '../../contract/admin-dto.js';
import type { ReadableDb } from '../store/database.js';
import { footfallBetween } from '../store/footfall.js';
import { audienceBetween } from './audience-aggregates.js';
import { localTimeIn } from './local-time.js';
import { buildAudienceReport, hourStart, reportRange } from './reports.js';

export const CSV_HEADER = ['date', 'hour', 'camera', 'measure', 'category', 'value'] as const;

/** RFC 4180 quoting, and a leading quote mark on anything a spreadsheet would run as a formula. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(db: ReadableDb, query: ReportQuery, timeZone: string): CsvExport {
  const range = reportRange(query, timeZone);
  const local = localTimeIn(timeZone);
  const camera = query.cameraId;
  const rows: (string | number)[][] = [];
  const within = { fromMs: range.fromMs, toMs: range.toMs, ...(camera === undefined ? {} : { cameraId: camera }) };
  for (const row of footfallBetween(db, within)) {
    const at = local(hourStart(row.hour));
    rows.push([at.date, at.hour, row.cameraId, 'faces_seen', '', row.facesSeen]);
  }
  for (const row of audienceBetween(db, within)) {
    const at = local(hourStart(row.hour));
    rows.push([at.date, at.hour, row.cameraId, row.dimension, row.value, row.count]);
  }
  const report = buildAudienceReport(db, query, timeZone);
  const scope = camera ?? 'all';
  for (const day of report.visitsByDay) {
    if (day.visits === 0) continue;
    rows.push([day.date, '', scope, 'recognised_visits', '', day.visits]);
    rows.push([day.date, '', scope, 'recognised_customers', '', day.customers]);
    rows.push([day.date, '', scope, 'returning_customers', '', day.returning]);
  }
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1] || 0) - Number(b[1] || 0));
  // The period's summary comes last, after the dated rows.
  const period = `${query.from}..${query.to}`;
  for (const [measure, stats] of [
    ['arrival_to_collection_minutes', report.arrivalToCollection],
    ['pickup_wait_minutes', report.pickupWait],
  ] as const) {
    rows.push([period, '', scope, measure, 'count', stats.count]);
    if (stats.medianMinutes !== null) rows.push([period, '', scope, measure, 'median', stats.medianMinutes]);
    if (stats.p90Minutes !== null) rows.push([period, '', scope, measure, 'p90', stats.p90Minutes]);
  }
  const lines = [CSV_HEADER.join(','), ...rows.map((r) => r.map(csvField).join(','))];
  return {
    filename: `audience-${query.from}-to-${query.to}${camera === undefined ? '' : `-${camera.replace(/[^A-Za-z0-9_-]/g, '_')}`}.csv`,
    csv: `${lines.join('\r\n')}\r\n`,
    rows: rows.length,
  };
}
