import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/testing.js';
import { createFileSecretStore, loadOrCreateKeyFile } from './secret-store.js';

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
});
