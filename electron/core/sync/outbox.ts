/**
 * The outbox: messages for the chain, written by `enqueue` inside the same transaction as the local change they
 * describe (a visit, an order status change, an enrolment, an erasure), so either both are stored or neither.
 * The publisher reads waiting rows in order and marks each sent only after the broker acknowledged it; rows
 * not acknowledged before a crash are simply still waiting at the next start.
 */
import { randomUUID } from 'node:crypto';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { UP_BODIES, type UpKind, type UpMessage } from './messages.js';
import { syncEnabled } from './sync-settings.js';

export interface OutboxRow {
  readonly seq: number;
  readonly id: string;
  readonly kind: UpKind;
  /** The body as stored JSON text. */
  readonly body: string;
  readonly createdAt: string;
}

/**
 * Queues a message for the chain. Call it inside the transaction that makes the change, so the message and the
 * change commit together. Does nothing while sync is off (no broker configured): a store that never syncs must
 * not grow a queue. Returns the message id, or null when nothing was queued.
 */
export function enqueue(db: WritableDb, message: UpMessage): string | null {
  if (!syncEnabled(db)) return null;
  // The body is checked against its own schema here too: a bug must fail the local change, not the chain.
  const body = UP_BODIES[message.kind].parse(message.body);
  const id = randomUUID();
  db.prepare('INSERT INTO sync_outbox (id, kind, body, subject, created_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    message.kind,
    JSON.stringify(body),
    message.subject ?? null,
    message.at,
  );
  return id;
}

/** The oldest waiting rows, skipping those already being published. */
export function waitingRows(db: ReadableDb, limit: number, afterSeq = 0): OutboxRow[] {
  return db
    .prepare<[number, number], { seq: number; id: string; kind: UpKind; body: string; created_at: string }>(
      'SELECT seq, id, kind, body, created_at FROM sync_outbox WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?',
    )
    .all(afterSeq, limit)
    .map((row) => ({ seq: row.seq, id: row.id, kind: row.kind, body: row.body, createdAt: row.created_at }));
}

/** Marks rows acknowledged by the broker, in one transaction. */
export function markSent(db: WritableDb, seqs: readonly number[], atMs: number): void {
  if (seqs.length === 0) return;
  const at = isoAt(atMs);
  const update = db.prepare(
    'UPDATE sync_outbox SET sent_at = ?, attempts = attempts + 1 WHERE seq = ? AND sent_at IS NULL',
  );
  db.transaction(() => {
    for (const seq of seqs) update.run(at, seq);
  })();
}

export interface OutboxStats {
  readonly waiting: number;
  readonly oldestWaitingAt: string | null;
}

export function outboxStats(db: ReadableDb): OutboxStats {
  const row = db
    .prepare<
      [],
      { waiting: number; oldest: string | null }
    >('SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM sync_outbox WHERE sent_at IS NULL')
    .get();
  return { waiting: row?.waiting ?? 0, oldestWaitingAt: row?.oldest ?? null };
}

/**
 * Deletes every outbox row about a customer who was just erased (their visits, their enrolment), sent or not:
 * erasure wins over everything, including what this store had not sent yet. The erasure message is queued after.
 */
export function dropMessagesAbout(db: WritableDb, customerId: string): number {
  return db.prepare('DELETE FROM sync_outbox WHERE subject = ?').run(customerId).changes;
}

/** Deletes acknowledged rows older than `beforeMs`; they are kept a while for support, then they only cost space. */
export function pruneSent(db: WritableDb, beforeMs: number): number {
  return db.prepare('DELETE FROM sync_outbox WHERE sent_at IS NOT NULL AND sent_at < ?').run(isoAt(beforeMs)).changes;
}
