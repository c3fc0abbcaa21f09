import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/testing.js';
import { SECRETS_FILE, createFileSecretStore, loadOrCreateKeyFile, openSecretStore } from './secret-store.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('file secret store', () => {
  it('keeps a secret encrypted on disk and reads it back with the same key', async () => {
    const key = loadOrCreateKeyFile(path.join(dir, 'secrets.key'));
    const store = createFileSecretStore(path.join(dir, 'secrets.json'), key);
    await store.set('rekognition.secretAccessKey', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')).not.toContain('wJalrXUtnFEMI');
    const reopened = createFileSecretStore(
      path.join(dir, 'secrets.json'),
      loadOrCreateKeyFile(path.join(dir, 'secrets.key')),
    );
    expect(await reopened.get('rekognition.secretAccessKey')).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });

  it('creates the key file readable by its owner only', () => {
    loadOrCreateKeyFile(path.join(dir, 'secrets.key'));
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'secrets.key')).mode & 0o077).toBe(0);
  });

  it('cannot read a secret with another key, or one moved to another name', async () => {
    const file = path.join(dir, 'secrets.json');
    await createFileSecretStore(file, Buffer.alloc(32, 1)).set('a', 'secret');
    expect(await createFileSecretStore(file, Buffer.alloc(32, 2)).get('a')).toBeNull();
    const sealed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ b: sealed.a }));
    expect(await createFileSecretStore(file, Buffer.alloc(32, 1)).get('b')).toBeNull();
  });

  it('deletes a secret', async () => {
    const store = createFileSecretStore(path.join(dir, 'secrets.json'), Buffer.alloc(32, 3));
    await store.set('a', 'one');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
  });

  it('tightens permissions someone loosened by hand before using the file', async () => {
    const store = openSecretStore(dir);
    await store.set('a', '1');
    fs.chmodSync(path.join(dir, SECRETS_FILE), 0o644);
    expect(await openSecretStore(dir).get('a')).toBe('1');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('says what to do when the file is damaged', async () => {
    fs.writeFileSync(path.join(dir, SECRETS_FILE), '["not", "a record"]');
    await expect(openSecretStore(dir).get('a')).rejects.toThrow(/damaged; delete it/);
  });

  it('says where the key lives: the OS keychain when the host gives one, else a private key file', async () => {
    expect(openSecretStore(dir, Buffer.alloc(32, 7)).description).toMatch(/keychain/);
    expect(openSecretStore(dir).description).toMatch(/0600/);
    // A store opened with the host's key cannot read what the key-file store wrote, and the reverse.
    await openSecretStore(dir).set('sync.password', 'pw');
    expect(await openSecretStore(dir, Buffer.alloc(32, 7)).get('sync.password')).toBeNull();
  });

  it('never writes the plain secret to disk', async () => {
    await openSecretStore(dir).set('sync.password', 'correct horse battery');
    expect(fs.readFileSync(path.join(dir, SECRETS_FILE), 'utf8')).not.toContain('correct horse');
  });
});
