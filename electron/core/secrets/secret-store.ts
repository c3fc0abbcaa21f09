/**
 * Secrets (the chain broker's password and client key, the cloud credentials) kept apart from the settings, in one
 * store for the whole core. Each value is encrypted with AES-256-GCM under a key the host provides: the Electron
 * shell keeps that key wrapped by safeStorage (the OS keychain / DPAPI / libsecret, see electron/main/secret-key.ts);
 * browser mode keeps it in a file readable only by the user. Values are never logged and never sent to a window.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface SecretStore {
  /** For people: where and how the secrets are kept (shown in the admin window). */
  readonly description: string;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

const Sealed = z.record(z.string(), z.object({ iv: z.string(), tag: z.string(), data: z.string() }));

/** A 32-byte key from `keyFile`, created (mode 0600) on first use. */
export function loadOrCreateKeyFile(keyFile: string): Buffer {
  if (fs.existsSync(keyFile)) {
    const key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32)
      throw new Error(`The secret key file ${keyFile} is damaged; delete it and enter the cloud credentials again.`);
    return key;
  }
  const key = randomBytes(32);
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.writeFileSync(keyFile, key.toString('base64'), { mode: 0o600 });
  return key;
}

export const SECRETS_FILE = 'secrets.json';
export const SECRET_KEY_FILE = 'secrets.key';

/** Where the key of a file store came from, for the description shown to the manager. */
export type SecretKeySource = 'os-keychain' | 'key-file';

/**
 * The core's secret store in `dataDir`: with a key from the host (Electron: unwrapped by safeStorage) when given,
 * otherwise with a key file beside it that only this user may read.
 */
export function openSecretStore(dataDir: string, hostKey?: Buffer): SecretStore {
  const file = path.join(dataDir, SECRETS_FILE);
  if (hostKey) return createFileSecretStore(file, hostKey, 'os-keychain');
  return createFileSecretStore(file, loadOrCreateKeyFile(path.join(dataDir, SECRET_KEY_FILE)), 'key-file');
}

export function createFileSecretStore(file: string, key: Buffer, source: SecretKeySource = 'key-file'): SecretStore {
  if (key.length !== 32) throw new Error('A secret store key has 32 bytes.');
  const read = (): z.infer<typeof Sealed> => {
    if (!fs.existsSync(file)) return {};
    // Someone loosened the permissions by hand: tighten them again before using the secrets.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      json = undefined;
    }
    const parsed = Sealed.safeParse(json);
    if (!parsed.success) {
      throw new Error(`The secrets file ${file} is damaged; delete it and enter the passwords and keys again.`);
    }
    return parsed.data;
  };
  const write = (all: z.infer<typeof Sealed>): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    fs.renameSync(temp, file);
  };
  const description =
    source === 'os-keychain'
      ? `encrypted in ${file}, with a key protected by the operating system's keychain`
      : `encrypted in ${file}, with a key in a file readable only by this user (mode 0600)`;
  return {
    description,
    get(name) {
      let sealed;
      try {
        sealed = read()[name];
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (sealed === undefined) return Promise.resolve(null);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(name));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
        return Promise.resolve(plain.toString('utf8'));
      } catch {
        // A different key (another machine, a replaced key file): the secret is unreadable, as intended.
        return Promise.resolve(null);
      }
    },
    set(name, value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The name is authenticated too, so a sealed value cannot be moved to another name.
      cipher.setAAD(Buffer.from(name));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      write({
        ...read(),
        [name]: {
          iv: iv.toString('base64'),
          tag: cipher.getAuthTag().toString('base64'),
          data: data.toString('base64'),
        },
      });
      return Promise.resolve();
    },
    delete(name) {
      const all = read();
      delete all[name];
      write(all);
      return Promise.resolve();
    },
  };
}

/** In memory, for tests. */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    description: 'memory only (lost when the app stops)',
    get: (name) => Promise.resolve(values.get(name) ?? null),
    set: (name, value) => Promise.resolve(void values.set(name, value)),
    delete: (name) => Promise.resolve(void values.delete(name)),
  };
}
