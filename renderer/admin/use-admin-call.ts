/**
 * Calls from the manager's control sections (reports, accounts, privacy, backups): the result or a sentence to
 * show, and a sign-in that expired sends the window back to the sign-in form through the admin store.
 */
import { useCallback, useEffect, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { Result } from '../../electron/contract/result.js';
import type { AdminState } from './store.js';

/** Unwraps a result; on failure returns null after reporting the message (and re-checking the sign-in). */
export function unwrap<T>(
  result: Result<T>,
  store: StoreApi<AdminState>,
  onError: (message: string) => void,
): T | null {
  if (result.ok) return result.value;
  if (result.error.code === 'unauthenticated') void store.getState().reload();
  onError(result.error.message);
  return null;
}

export interface Loaded<T> {
  readonly value: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  reload(): void;
  setError(message: string | null): void;
}

/** Loads once on mount and whenever `key` changes; `reload()` loads again. */
export function useLoaded<T>(load: () => Promise<Result<T>>, store: StoreApi<AdminState>, key: string): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    void load().then((result) => {
      if (!current) return;
      setLoading(false);
      const loaded = unwrap(result, store, setError);
      if (loaded !== null) {
        setValue(loaded);
        setError(null);
      }
    });
    return () => {
      current = false;
    };
    // `load` is re-created by the caller on every render; `key` says when what it loads has changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round, store]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { value, error, loading, reload, setError };
}
