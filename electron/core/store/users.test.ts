import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from './audit.js';
import { openTestStore, type TestStore } from './testing.js';
import {
  createManager,
  createUser,
  listUsers,
  LOCKOUT_MS,
  managerConfigured,
  MAX_FAILED_ATTEMPTS,
  resetUserPassword,
  setUserDisabled,
  signIn,
} from './users.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
});
afterEach(() => store.close());

async function expectRefused(password: string, message: RegExp): Promise<void> {
  await expect(signIn(store.db, store.clock, 'Morgan', password)).rejects.toMatchObject({
    code: 'unauthenticated',
    message: expect.stringMatching(message),
  });
}

describe('users', () => {
  it('starts with no manager and no way in: there is no default account', async () => {
    expect(managerConfigured(store.db)).toBe(false);
    expect(store.db.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(0);
    await expect(signIn(store.db, store.clock, 'admin', 'admin')).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('creates the first manager with a hashed password and refuses a second one', async () => {
    const user = await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    expect(user).toMatchObject({ username: 'Morgan', role: 'manager' });
    expect(managerConfigured(store.db)).toBe(true);
    const stored: unknown = store.db.prepare('SELECT password_hash FROM users').pluck().get();
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('correct horse');
    await expect(createManager(store.db, store.clock, 'Other', 'another password')).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('refuses a password shorter than 8 characters', async () => {
    await expect(createManager(store.db, store.clock, 'Morgan', 'short')).rejects.toMatchObject({
      code: 'invalid_payload',
    });
    expect(managerConfigured(store.db)).toBe(false);
  });

  it('signs in with the right password, ignoring the case of the user name', async () => {
    await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    await expect(signIn(store.db, store.clock, 'morgan', 'correct horse')).resolves.toMatchObject({
      username: 'Morgan',
    });
    await expectRefused('wrong horse', /^Wrong user name or password\.$/);
    await expect(signIn(store.db, store.clock, 'nobody', 'correct horse')).rejects.toMatchObject({
      message: 'Wrong user name or password.',
    });
  });

  it('locks the account for 5 minutes after 5 wrong passwords, even for the right one, then lets the owner in', async () => {
    await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) await expectRefused(`guess ${i}`, /Wrong user name or password/);
    await expectRefused('correct horse', /locked; try again in 5 minutes/);
    expect(listAudit(store.db, { action: 'user.locked_out' })).toHaveLength(1);

    store.clock.advance(LOCKOUT_MS - 60_000);
    await expectRefused('correct horse', /try again in 1 minute\./);
    store.clock.advance(60_000);
    await expect(signIn(store.db, store.clock, 'Morgan', 'correct horse')).resolves.toMatchObject({
      username: 'Morgan',
    });
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i += 1) await expectRefused('nope', /Wrong/);
    await signIn(store.db, store.clock, 'Morgan', 'correct horse');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i += 1) await expectRefused('nope', /Wrong/);
    await expect(signIn(store.db, store.clock, 'Morgan', 'correct horse')).resolves.toMatchObject({
      username: 'Morgan',
    });
  });
});

describe('accounts managed by a manager', () => {
  it('adds a clerk with a hashed password and refuses a name already taken, whatever its case', async () => {
    await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    const clerk = await createUser(
      store.db,
      store.clock,
      { username: 'Kim', password: 'counter 123', role: 'clerk' },
      'Morgan',
    );
    expect(clerk).toMatchObject({ username: 'Kim', role: 'clerk' });
    expect(String(store.db.prepare("SELECT password_hash FROM users WHERE username = 'Kim'").pluck().get())).toMatch(
      /^scrypt\$/,
    );
    await expect(
      createUser(store.db, store.clock, { username: 'kim', password: 'counter 123', role: 'clerk' }, 'Morgan'),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(listAudit(store.db, { action: 'user.created' })[0]).toMatchObject({
      actor: 'Morgan',
      details: { username: 'Kim' },
    });
  });

  it('keeps a disabled account out even with the right password, and lets it back in when enabled', async () => {
    await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    const clerk = await createUser(
      store.db,
      store.clock,
      { username: 'Kim', password: 'counter 123', role: 'clerk' },
      'Morgan',
    );
    setUserDisabled(store.db, store.clock, clerk.id, true, 'Morgan');
    expect(listUsers(store.db, store.clock).find((u) => u.id === clerk.id)?.disabled).toBe(true);
    await expect(signIn(store.db, store.clock, 'Kim', 'counter 123')).rejects.toMatchObject({ code: 'forbidden' });
    // A wrong password still gets the usual answer, so the state of the account does not leak.
    await expect(signIn(store.db, store.clock, 'Kim', 'nope')).rejects.toMatchObject({ code: 'unauthenticated' });
    setUserDisabled(store.db, store.clock, clerk.id, false, 'Morgan');
    await expect(signIn(store.db, store.clock, 'Kim', 'counter 123')).resolves.toMatchObject({ username: 'Kim' });
  });

  it('refuses to disable yourself or the last manager', async () => {
    const morgan = await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    expect(() => setUserDisabled(store.db, store.clock, morgan.id, true, 'Morgan')).toThrow(/your own account/);
    expect(() => setUserDisabled(store.db, store.clock, morgan.id, true, 'Kim')).toThrow(/last manager/);
  });

  it('resets a password, lifts the lock-out and records who did it', async () => {
    await createManager(store.db, store.clock, 'Morgan', 'correct horse');
    const clerk = await createUser(
      store.db,
      store.clock,
      { username: 'Kim', password: 'counter 123', role: 'clerk' },
      'Morgan',
    );
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      await signIn(store.db, store.clock, 'Kim', 'nope').catch(() => undefined);
    expect(listUsers(store.db, store.clock).find((u) => u.id === clerk.id)?.lockedUntil).not.toBeNull();
    await resetUserPassword(store.db, store.clock, clerk.id, 'fresh start 9', 'Morgan');
    await expect(signIn(store.db, store.clock, 'Kim', 'fresh start 9')).resolves.toMatchObject({ username: 'Kim' });
    await expect(signIn(store.db, store.clock, 'Kim', 'counter 123')).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(listAudit(store.db, { action: 'user.password_reset' })[0]).toMatchObject({ actor: 'Morgan' });
  });
});
