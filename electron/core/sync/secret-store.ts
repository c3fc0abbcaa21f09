/**
 * Where the sync's secrets (broker password, client key) live. The core only knows this interface: browser
 * mode uses `FileSecretStore`, a JSON file readable only by the user (mode 0600) in the data folder; the
 * Electron shell can hand the core an implementation backed by safeStorage through the host protocol.
 */
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

export const SECRETS_FILE = 'sync-secrets.json';

const SecretsFile = z.record(z.string(), z.string());

/** Runs synchronous file work and reports its failure as a rejected promise, as the interface promises. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * Secrets in a JSON file that only the user may read or write (0600). Not encrypted: anyone who can log in as
 * this user can read it, which is why Electron uses safeStorage instead.
 */
export class FileSecretStore implements SecretStore {
  readonly file: string;
  readonly description: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SECRETS_FILE);
    this.description = `a file readable only by this user (mode 0600): ${this.file}`;
  }

  get(name: string): Promise<string | null> {
    return settle(() => this.read()[name] ?? null);
  }

  set(name: string, value: string): Promise<void> {
    return settle(() => this.write({ ...this.read(), [name]: value }));
  }

  delete(name: string): Promise<void> {
    return settle(() => {
      const all = this.read();
      if (!(name in all)) return;
      delete all[name];
      this.write(all);
    });
  }

  private write(all: Record<string, string>): void {
    // Written to a private temporary file, then renamed: the secret is never readable by others, even briefly.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
  }

  private read(): Record<string, string> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    // Someone loosened the permissions by hand: tighten them again before using the secrets.
    if ((fs.statSync(this.file).mode & 0o077) !== 0) fs.chmodSync(this.file, 0o600);
    const parsed = SecretsFile.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`The secrets file ${this.file} is damaged; delete it and enter the broker password again.`);
    }
    return { ...parsed.data };
  }
}

/** Secrets kept in memory only (tests, or a host that wants nothing on disk). */
export class MemorySecretStore implements SecretStore {
  readonly description = 'memory only (lost when the app stops)';
  private readonly values = new Map<string, string>();

  get(name: string): Promise<string | null> {
    return Promise.resolve(this.values.get(name) ?? null);
  }

  set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
    return Promise.resolve();
  }

  delete(name: string): Promise<void> {
    this.values.delete(name);
    return Promise.resolve();
  }
}
