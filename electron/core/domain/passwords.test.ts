import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, SCRYPT_PARAMS, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('stores the scrypt parameters and a random 16-byte salt with each hash', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    const [scheme, n, r, p, salt, key] = a.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual([
      'scrypt',
      SCRYPT_PARAMS.N,
      SCRYPT_PARAMS.r,
      SCRYPT_PARAMS.p,
    ]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
  });

  it('verifies a hash made with other parameters, read from the stored string', async () => {
    const stored = await hashPassword('pw-12345');
    const parts = stored.split('$');
    // Re-derive with N=1024 by hand to simulate an older, cheaper hash.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from(parts[4] ?? '', 'base64');
    const key = scryptSync('pw-12345', salt, 32, { N: 1024, r: 8, p: 1 });
    const older = ['scrypt', 1024, 8, 1, parts[4], key.toString('base64')].join('$');
    await expect(verifyPassword('pw-12345', older)).resolves.toBe(true);
  });

  it('treats the same text in composed and decomposed Unicode as one password', async () => {
    const stored = await hashPassword('café-latte');
    await expect(verifyPassword('cafe\u0301-latte', stored)).resolves.toBe(true);
  });

  it('rejects stored values that are malformed or have absurd parameters instead of hanging', async () => {
    await expect(verifyPassword('x', 'plain-text-password')).resolves.toBe(false);
    await expect(
      verifyPassword('x', 'scrypt$1048577$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='),
    ).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$16384$8$1$$')).resolves.toBe(false);
  });

  it('makes decoy hashes that no password matches', async () => {
    await expect(verifyPassword('', decoyHash())).resolves.toBe(false);
    await expect(verifyPassword('password', decoyHash())).resolves.toBe(false);
  });

  it('refuses to hash an empty password', async () => {
    await expect(hashPassword('')).rejects.toThrow(/cannot be empty/);
  });
});
