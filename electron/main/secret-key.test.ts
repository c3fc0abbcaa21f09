import { describe, expect, it } from 'vitest';
import { WRAPPED_KEY_FILE, loadWrappedSecretKey, type KeyFiles, type SafeStorageLike } from './secret-key.js';

/** A stand-in keychain: "encrypts" by reversing and tagging, enough to prove the wrapped file is not the key. */
function keychain(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`wrapped:${[...text].reverse().join('')}`),
    decryptString: (data) => {
      const text = data.toString();
      if (!text.startsWith('wrapped:')) throw new Error('not ours');
      return [...text.slice('wrapped:'.length)].reverse().join('');
    },
  };
}

function memoryFiles(): KeyFiles & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  return {
    files,
    exists: (file) => files.has(file),
    read: (file) => files.get(file) ?? Buffer.alloc(0),
    write: (file, data) => void files.set(file, data),
  };
}

describe('loadWrappedSecretKey', () => {
  it('creates a 32-byte key on first start and stores it only in wrapped form', () => {
    const files = memoryFiles();
    const first = loadWrappedSecretKey('/data', keychain(), files);
    expect(first.key?.length).toBe(32);
    const stored = files.files.get(`/data/${WRAPPED_KEY_FILE}`);
    expect(stored?.toString()).toMatch(/^wrapped:/);
    expect(stored?.toString()).not.toContain(first.key?.toString('base64') ?? 'none');
  });

  it('returns the same key on later starts', () => {
    const files = memoryFiles();
    const first = loadWrappedSecretKey('/data', keychain(), files);
    const again = loadWrappedSecretKey('/data', keychain(), files);
    expect(again).toMatchObject({ created: false });
    expect(again.key?.equals(first.key ?? Buffer.alloc(0))).toBe(true);
  });

  it('says why when the OS has no keychain, so the core falls back to its private key file', () => {
    const outcome = loadWrappedSecretKey('/data', keychain(false), memoryFiles());
    expect(outcome.key).toBeNull();
    expect('reason' in outcome ? outcome.reason : '').toMatch(/keychain/);
  });

  it('refuses a wrapped file that does not hold a key', () => {
    const files = memoryFiles();
    files.write(`/data/${WRAPPED_KEY_FILE}`, keychain().encryptString('short'));
    expect(() => loadWrappedSecretKey('/data', keychain(), files)).toThrow(/does not hold a secret key/);
  });
});
