/**
 * The audit log: append-only lines saying who did what. Details are JSON and must never contain
 * biometric data, images or passwords; callers pass counts and ids.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly details: Record<string, unknown>;
}

export function appendAudit(
  db: WritableDb,
  clock: Clock,
  entry: { actor: string; action: string; details?: Record<string, unknown> },
): number {
  const result = db
    .prepare('INSERT INTO audit_log (at, actor, action, details) VALUES (?, ?, ?, ?)')
    .run(isoAt(clock.now()), entry.actor, entry.action, JSON.stringify(entry.details ?? {}));
  return Number(result.lastInsertRowid);
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  details: string;
}

/** The newest entries first. */
export function listAudit(
  db: ReadableDb,
  options: { limit?: number; action?: string; actor?: string } = {},
): AuditEntry[] {
  const rows = db
    .prepare<{ action: string | null; actor: string | null; limit: number }, AuditRow>(
      `SELECT id, at, actor, action, details FROM audit_log
       WHERE (@action IS NULL OR action = @action) AND (@actor IS NULL OR actor = @actor COLLATE NOCASE)
       ORDER BY id DESC LIMIT @limit`,
    )
    .all({ action: options.action ?? null, actor: options.actor ?? null, limit: options.limit ?? 100 });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}
