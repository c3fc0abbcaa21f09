/**
 * Small facts the sync keeps between runs (last error, last acknowledgement, footfall hours already sent), as
 * JSON values in `sync_state`. Callers validate what they read.
 */
import type { ReadableDb, WritableDb } from '../store/database.js';

export function getSyncState(db: ReadableDb, key: string): unknown {
  const raw: unknown = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key);
  return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined;
}

export function setSyncState(db: WritableDb, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value ?? null));
}

export function getSyncString(db: ReadableDb, key: string): string | null {
  const value = getSyncState(db, key);
  return typeof value === 'string' ? value : null;
}
