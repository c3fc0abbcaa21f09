import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/testing.js';
import { FileSecretStore, SECRETS_FILE } from './secret-store.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('FileSecretStore', () => {
  it('keeps secrets in a file only the user can read or write (0600)', async () => {
    const secrets = new FileSecretStore(dir);
    await secrets.set('sync.password', 's3cret');
    expect(fs.statSync(path.join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
    expect(await new FileSecretStore(dir).get('sync.password')).toBe('s3cret');
    expect(secrets.description).toContain('0600');
  });

  it('deletes a secret and answers null for one never set', async () => {
    const secrets = new FileSecretStore(dir);
    await secrets.set('a', '1');
    await secrets.delete('a');
    expect(await secrets.get('a')).toBeNull();
    expect(await secrets.get('never')).toBeNull();
  });

  it('tightens permissions someone loosened by hand before using the file', async () => {
    const secrets = new FileSecretStore(dir);
    await secrets.set('a', '1');
    fs.chmodSync(path.join(dir, SECRETS_FILE), 0o644);
    expect(await secrets.get('a')).toBe('1');
    expect(fs.statSync(path.join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('says what to do when the file is damaged', async () => {
    fs.writeFileSync(path.join(dir, SECRETS_FILE), '["not", "a record"]');
    await expect(new FileSecretStore(dir).get('a')).rejects.toThrow(/damaged; delete it/);
  });
});
