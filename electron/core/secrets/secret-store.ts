/**
 * Secrets (cloud credentials) kept apart from the settings: a small interface so the core does not care where they
 * live. The file store encrypts each value with AES-256-GCM under a key the host provides: in the Electron shell
 * that key is meant to be wrapped by safeStorage (the OS keychain / DPAPI / libsecret); in browser mode it is a
 * random key in a file readable only by the user. Values are never logged and never sent to a window.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface SecretStore {
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

export function createFileSecretStore(file: string, key: Buffer): SecretStore {
  if (key.length !== 32) throw new Error('A secret store key has 32 bytes.');
  const read = (): z.infer<typeof Sealed> => {
    if (!fs.existsSync(file)) return {};
    const parsed = Sealed.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  };
  const write = (all: z.infer<typeof Sealed>): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    fs.renameSync(temp, file);
  };
  return {
    get(name) {
      const sealed = read()[name];
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
    get: (name) => Promise.resolve(values.get(name) ?? null),
    set: (name, value) => Promise.resolve(void values.set(name, value)),
    delete: (name) => Promise.resolve(void values.delete(name)),
  };
}
