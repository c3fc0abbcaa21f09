/**
 * People who sign in (managers and clerks): creation and password checks with a lock-out. There is no
 * default user or password; the first manager is created by whoever sets the kiosk up.
 * After MAX_FAILED_ATTEMPTS wrong passwords in a row the account is locked for LOCKOUT_MS, even for the
 * right password, which makes guessing slow without locking the owner out for long.
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
    >('SELECT id, username, role, password_hash, created_at, failed_attempts, locked_until FROM users WHERE username = ?')
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
