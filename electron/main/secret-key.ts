/**
 * The key of the core's secret store, kept wrapped by Electron's safeStorage (the OS keychain, DPAPI or libsecret)
 * in `<userData>/secrets.key.enc`, so the broker password and cloud credentials on disk cannot be read by copying
 * the data folder. Where safeStorage has no OS backend (a Linux session without a keyring) it returns null and the
 * core falls back to its own key file readable only by this user, and the admin window says which one is in use.
 * Pure apart from the injected safeStorage and file system, so it is unit-tested without Electron.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface KeyFiles {
  exists(file: string): boolean;
  read(file: string): Buffer;
  write(file: string, data: Buffer): void;
}

export const WRAPPED_KEY_FILE = 'secrets.key.enc';

export type SecretKeyOutcome =
  | { readonly key: Buffer; readonly created: boolean }
  | { readonly key: null; readonly reason: string };

export function loadWrappedSecretKey(dataDir: string, safeStorage: SafeStorageLike, files: KeyFiles): SecretKeyOutcome {
  if (!safeStorage.isEncryptionAvailable()) {
    return { key: null, reason: 'the operating system offers no keychain to this session' };
  }
  const file = path.join(dataDir, WRAPPED_KEY_FILE);
  if (files.exists(file)) {
    const key = Buffer.from(safeStorage.decryptString(files.read(file)), 'base64');
    // A key that does not unwrap to 32 bytes was not written by us: refuse it rather than guess.
    if (key.length !== 32)
      throw new Error(`${file} does not hold a secret key; move it away and enter the secrets again.`);
    return { key, created: false };
  }
  const key = randomBytes(32);
  files.write(file, safeStorage.encryptString(key.toString('base64')));
  return { key, created: true };
}
