import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from './audit.js';
import { openTestStore, type TestStore } from './testing.js';
import { createManager, LOCKOUT_MS, managerConfigured, MAX_FAILED_ATTEMPTS, signIn } from './users.js';

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
