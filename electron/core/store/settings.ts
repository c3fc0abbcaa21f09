/** Key/value settings stored as JSON (for example the store name). Callers validate what they read. */
import type { ReadableDb, WritableDb } from './database.js';

export const STORE_NAME_KEY = 'store.name';

/** The parsed JSON value, or undefined when the key was never set. */
export function getSetting(db: ReadableDb, key: string): unknown {
  const raw: unknown = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key);
  return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined;
}

export function setSetting(db: WritableDb, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`Setting "${key}" cannot be stored: the value is not JSON.`);
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, json);
}

/** The store's display name, or `fallback` when none was set or the stored value is not a string. */
export function storeName(db: ReadableDb, fallback: string): string {
  const value = getSetting(db, STORE_NAME_KEY);
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}
