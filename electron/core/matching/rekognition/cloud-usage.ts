/**
 * Counts of cloud calls per calendar month (UTC) and operation, with failures and summed latency, in the
 * `cloud_usage` table (migration 008), so the admin window can show "this month: N calls" (the seed paid about
 * $1 per 1,000 calls). Each call is also logged with its operation and latency.
 */
import type { Clock } from '../../clock.js';
import type { ReadableDb, WritableDb } from '../../store/database.js';

export interface MonthUsage {
  readonly calls: number;
  readonly failures: number;
  readonly latencyMsTotal: number;
  readonly byOperation: Readonly<Record<string, number>>;
}

export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

export function monthUsage(db: ReadableDb, month: string): MonthUsage {
  const rows = db
    .prepare<
      [string],
      { operation: string; calls: number; failures: number; latency_ms_total: number }
    >('SELECT operation, calls, failures, latency_ms_total FROM cloud_usage WHERE month = ? ORDER BY operation')
    .all(month);
  return {
    calls: rows.reduce((sum, row) => sum + row.calls, 0),
    failures: rows.reduce((sum, row) => sum + row.failures, 0),
    latencyMsTotal: rows.reduce((sum, row) => sum + row.latency_ms_total, 0),
    byOperation: Object.fromEntries(rows.map((row) => [row.operation, row.calls])),
  };
}

export interface CallRecord {
  readonly operation: string;
  readonly latencyMs: number;
  readonly ok: boolean;
}

export function recordCall(db: WritableDb, clock: Clock, call: CallRecord): void {
  // One upsert: two calls finishing together are both counted.
  db.prepare(
    `INSERT INTO cloud_usage (month, operation, calls, failures, latency_ms_total) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (month, operation) DO UPDATE SET
       calls = calls + 1, failures = failures + excluded.failures, latency_ms_total = latency_ms_total + excluded.latency_ms_total`,
  ).run(monthOf(clock.now()), call.operation.slice(0, 60), call.ok ? 0 : 1, Math.max(0, call.latencyMs));
}
