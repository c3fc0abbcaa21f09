/**
 * The inbox of message ids already handled (so a redelivery never applies twice) and the quarantine of messages
 * that failed validation or a rule (kept with the reason, so a person can see what the chain sent wrong).
 */
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from '../store/database.js';

export function alreadySeen(db: ReadableDb, id: string): boolean {
  return db.prepare('SELECT 1 FROM sync_inbox WHERE id = ?').pluck().get(id) !== undefined;
}

export function rememberSeen(
  db: WritableDb,
  entry: { id: string; kind: string; outcome: 'applied' | 'ignored' | 'quarantined'; atMs: number },
): void {
  db.prepare('INSERT INTO sync_inbox (id, kind, outcome, received_at) VALUES (?, ?, ?, ?)').run(
    entry.id,
    entry.kind,
    entry.outcome,
    isoAt(entry.atMs),
  );
}

/** How many quarantine rows are kept; the oldest go first (the log has them too). */
export const QUARANTINE_LIMIT = 1000;
/** How much of a rejected payload is kept, to show what was wrong without storing megabytes. */
export const EXCERPT_BYTES = 2048;

export interface QuarantineEntry {
  readonly topic: string;
  readonly messageId: string | null;
  readonly kind: string | null;
  readonly reason: string;
  readonly payload: Buffer;
  /** False for kinds that may carry face templates: those are never kept outside face_templates. */
  readonly keepExcerpt: boolean;
  readonly atMs: number;
}

export function quarantine(db: WritableDb, entry: QuarantineEntry): void {
  const excerpt = entry.keepExcerpt ? entry.payload.subarray(0, EXCERPT_BYTES).toString('utf8') : null;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO sync_quarantine (received_at, topic, message_id, kind, reason, bytes, excerpt)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      isoAt(entry.atMs),
      entry.topic.slice(0, 300),
      entry.messageId,
      entry.kind,
      entry.reason.slice(0, 1000),
      entry.payload.byteLength,
      excerpt,
    );
    db.prepare('DELETE FROM sync_quarantine WHERE id <= (SELECT MAX(id) FROM sync_quarantine) - ?').run(
      QUARANTINE_LIMIT,
    );
  })();
}

export interface QuarantinedMessage {
  readonly receivedAt: string;
  readonly topic: string;
  readonly messageId: string | null;
  readonly kind: string | null;
  readonly reason: string;
  readonly bytes: number;
}

export function listQuarantine(db: ReadableDb, limit = 100): QuarantinedMessage[] {
  return db
    .prepare<
      [number],
      {
        received_at: string;
        topic: string;
        message_id: string | null;
        kind: string | null;
        reason: string;
        bytes: number;
      }
    >('SELECT received_at, topic, message_id, kind, reason, bytes FROM sync_quarantine ORDER BY id DESC LIMIT ?')
    .all(limit)
    .map((row) => ({
      receivedAt: row.received_at,
      topic: row.topic,
      messageId: row.message_id,
      kind: row.kind,
      reason: row.reason,
      bytes: row.bytes,
    }));
}

export function quarantineCount(db: ReadableDb): number {
  const value: unknown = db.prepare('SELECT COUNT(*) FROM sync_quarantine').pluck().get();
  return typeof value === 'number' ? value : 0;
}

/** Forgets ids older than `beforeMs`: the broker cannot redeliver anything that old. */
export function pruneInbox(db: WritableDb, beforeMs: number): number {
  return db.prepare('DELETE FROM sync_inbox WHERE received_at < ?').run(isoAt(beforeMs)).changes;
}
