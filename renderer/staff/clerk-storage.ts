/** Remembers the clerk's name on this PC, so a shift signs in once. Storage is passed in (localStorage in the app). */

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'kiosk.staff.clerk';

export function readClerk(storage: KeyValueStorage): string {
  try {
    return storage.getItem(KEY) ?? '';
  } catch {
    // Storage can be disabled by policy; the field then simply starts empty.
    return '';
  }
}

export function writeClerk(storage: KeyValueStorage, name: string): void {
  try {
    storage.setItem(KEY, name);
  } catch {
    // Not remembering the name is harmless; the field still works for this session.
  }
}
