/**
 * People who sign in (managers and clerks): creation and password checks with a lock-out. There is no
 * default user or password; the first manager is created by whoever sets the kiosk up.
 * After MAX_FAILED_ATTEMPTS wrong passwords in a row the account is locked for LOCKOUT_MS, even for the
 * right password, which makes guessing slow without locking the owner out for long.
 * Managers add clerks and other managers, disable accounts (kept, so the audit log's names stay meaningful) and
 * reset passwords; every change is in the audit log with the manager who made it.
 */
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { decoyHash, hashPassword, verifyPassword } from '../domain/passwords.js';
import { appendAudit } from './audit.js';
import type { ReadableDb, WritableDb } from './database.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 8;

export type UserRole = 'manager' | 'clerk';

export interface User {
  readonly id: number;
  readonly username: string;
  readonly role: UserRole;
  readonly createdAt: string;
}

interface UserRow {
  id: number;
  username: string;
  role: UserRole;
  password_hash: string;
  created_at: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled_at: string | null;
}

function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, role: row.role, createdAt: row.created_at };
}

export function managerConfigured(db: ReadableDb): boolean {
  return db.prepare("SELECT 1 FROM users WHERE role = 'manager' LIMIT 1").pluck().get() !== undefined;
}

/**
 * Creates the first manager. Refused once a manager exists, so the set-up screen cannot be used to add a
 * second account behind the first manager's back.
 */
export async function createManager(db: WritableDb, clock: Clock, username: string, password: string): Promise<User> {
  const name = username.trim();
  if (name.length < 2) throw new CommandError('invalid_payload', 'A user name needs at least 2 characters.');
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new CommandError('invalid_payload', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  // Hash first (it is slow and async), then check and insert in one synchronous transaction.
  const hash = await hashPassword(password);
  const at = isoAt(clock.now());
  return db.transaction(() => {
    if (managerConfigured(db)) throw new CommandError('conflict', 'A manager account already exists; sign in instead.');
    const id = Number(
      db
        .prepare("INSERT INTO users (username, role, password_hash, created_at) VALUES (?, 'manager', ?, ?)")
        .run(name, hash, at).lastInsertRowid,
    );
    appendAudit(db, clock, { actor: name, action: 'user.created', details: { role: 'manager' } });
    return { id, username: name, role: 'manager' as const, createdAt: at };
  })();
}

/** A lock that is still in force, as its end time; null when there is none or it has run out. */
function activeLock(lockedUntil: string | null, nowMs: number): string | null {
  return lockedUntil !== null && Date.parse(lockedUntil) > nowMs ? lockedUntil : null;
}

function lockedError(username: string, untilIso: string, nowMs: number): CommandError {
  const minutes = Math.max(1, Math.ceil((Date.parse(untilIso) - nowMs) / 60_000));
  return new CommandError(
    'unauthenticated',
    `Too many wrong passwords. Sign-in for ${username} is locked; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

/**
 * Checks a user name and password. Returns the user, or throws an `unauthenticated` CommandError with a
 * sentence that does not say whether the name exists (except for a lock-out, which the owner must learn of).
 */
export async function signIn(db: WritableDb, clock: Clock, username: string, password: string): Promise<User> {
  const row = db
    .prepare<
      [string],
      UserRow
    >('SELECT id, username, role, password_hash, created_at, failed_attempts, locked_until, disabled_at FROM users WHERE username = ?')
    .get(username.trim());
  const wrong = new CommandError('unauthenticated', 'Wrong user name or password.');
  if (row === undefined) {
    await verifyPassword(password, decoyHash());
    throw wrong;
  }
  const lock = activeLock(row.locked_until, clock.now());
  if (lock !== null) throw lockedError(row.username, lock, clock.now());
  const matches = await verifyPassword(password, row.password_hash);

  // Re-read inside the transaction: another attempt may have finished while we were hashing. The
  // transaction returns instead of throwing on a wrong password, so the failed attempt is committed.
  const accepted = db.transaction((): boolean => {
    const fresh = db
      .prepare<
        [number],
        Pick<UserRow, 'failed_attempts' | 'locked_until'>
      >('SELECT failed_attempts, locked_until FROM users WHERE id = ?')
      .get(row.id);
    if (fresh === undefined) throw wrong;
    const freshLock = activeLock(fresh.locked_until, clock.now());
    if (freshLock !== null) throw lockedError(row.username, freshLock, clock.now());
    if (matches && row.disabled_at !== null) {
      // Only someone who knows the password learns that the account exists but is disabled.
      throw new CommandError('forbidden', `The account ${row.username} is disabled; ask a manager to enable it.`);
    }
    if (matches) {
      db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
      appendAudit(db, clock, { actor: row.username, action: 'user.signed_in' });
      return true;
    }
    const attempts = fresh.failed_attempts + 1;
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      const until = isoAt(clock.now() + LOCKOUT_MS);
      db.prepare('UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(until, row.id);
      appendAudit(db, clock, { actor: row.username, action: 'user.locked_out', details: { until } });
    } else {
      db.prepare('UPDATE users SET failed_attempts = ?, locked_until = NULL WHERE id = ?').run(attempts, row.id);
    }
    return false;
  })();
  if (!accepted) throw wrong;
  return toUser(row);
}

/** An account as the admin window lists it. */
export interface UserAccountRow {
  readonly id: number;
  readonly username: string;
  readonly role: UserRole;
  readonly createdAt: string;
  readonly disabled: boolean;
  readonly lockedUntil: string | null;
}

export function listUsers(db: ReadableDb, clock: Clock): UserAccountRow[] {
  const rows = db
    .prepare<[], UserRow>(
      `SELECT id, username, role, password_hash, created_at, failed_attempts, locked_until, disabled_at
       FROM users ORDER BY role DESC, username COLLATE NOCASE`,
    )
    .all();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    role: row.role,
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
    lockedUntil: activeLock(row.locked_until, clock.now()),
  }));
}

function requireUser(db: ReadableDb, id: number): UserRow {
  const row = db
    .prepare<
      [number],
      UserRow
    >('SELECT id, username, role, password_hash, created_at, failed_attempts, locked_until, disabled_at FROM users WHERE id = ?')
    .get(id);
  if (row === undefined) throw new CommandError('not_found', 'There is no such account; reload the list.');
  return row;
}

/** A manager adds a clerk or another manager. */
export async function createUser(
  db: WritableDb,
  clock: Clock,
  account: { username: string; password: string; role: UserRole },
  actor: string,
): Promise<User> {
  const name = account.username.trim();
  if (account.password.length < MIN_PASSWORD_LENGTH) {
    throw new CommandError('invalid_payload', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const hash = await hashPassword(account.password);
  const at = isoAt(clock.now());
  return db.transaction(() => {
    const taken = db.prepare('SELECT 1 FROM users WHERE username = ?').pluck().get(name) !== undefined;
    if (taken) throw new CommandError('conflict', `There is already an account called ${name}; choose another name.`);
    const id = Number(
      db
        .prepare('INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
        .run(name, account.role, hash, at).lastInsertRowid,
    );
    appendAudit(db, clock, { actor, action: 'user.created', details: { username: name, role: account.role } });
    return { id, username: name, role: account.role, createdAt: at };
  })();
}

/**
 * Disables or enables an account. A manager cannot disable themselves, and the last enabled manager cannot be
 * disabled: nobody could sign in to the admin window any more.
 */
export function setUserDisabled(db: WritableDb, clock: Clock, id: number, disabled: boolean, actor: string): void {
  db.transaction(() => {
    const row = requireUser(db, id);
    if (disabled && row.username.toLowerCase() === actor.toLowerCase()) {
      throw new CommandError('conflict', 'You cannot disable your own account; ask another manager.');
    }
    if (disabled && row.role === 'manager') {
      const others: unknown = db
        .prepare("SELECT COUNT(*) FROM users WHERE role = 'manager' AND disabled_at IS NULL AND id <> ?")
        .pluck()
        .get(id);
      if (others === 0) throw new CommandError('conflict', 'This is the last manager account; it cannot be disabled.');
    }
    db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? isoAt(clock.now()) : null, id);
    appendAudit(db, clock, {
      actor,
      action: disabled ? 'user.disabled' : 'user.enabled',
      details: { username: row.username },
    });
  })();
}

/** Sets a new password (the old one is not needed: a manager resets it) and lifts any lock-out. */
export async function resetUserPassword(
  db: WritableDb,
  clock: Clock,
  id: number,
  password: string,
  actor: string,
): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new CommandError('invalid_payload', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  requireUser(db, id);
  const hash = await hashPassword(password);
  db.transaction(() => {
    const row = requireUser(db, id);
    db.prepare('UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(
      hash,
      id,
    );
    appendAudit(db, clock, { actor, action: 'user.password_reset', details: { username: row.username } });
  })();
}
