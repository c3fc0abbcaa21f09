/**
 * Accounts and the audit log: managers add clerks and managers, disable an account (kept, so the log's names stay
 * meaningful), reset a password (which also lifts a lock-out); below, who did what, newest first.
 */
import { useState, type FormEvent } from 'react';
import type { UserAccount, UserRole } from '../../electron/contract/admin-dto.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import type { AdminTabProps } from './tabs.js';
import { unwrap, useLoaded } from './use-admin-call.js';

function NewAccount({ onCreate }: { onCreate: (u: string, p: string, r: UserRole) => Promise<boolean> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('clerk');
  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (await onCreate(username.trim(), password, role)) {
      setUsername('');
      setPassword('');
    }
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <input
        type="text"
        placeholder="User name"
        aria-label="New user name"
        data-testid="user-new-name"
        autoComplete="off"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <input
        type="password"
        placeholder="Password (8+ characters)"
        aria-label="New user's password"
        data-testid="user-new-password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <select
        aria-label="Role"
        data-testid="user-new-role"
        value={role}
        onChange={(e) => setRole(e.target.value as UserRole)}
      >
        <option value="clerk">Clerk</option>
        <option value="manager">Manager</option>
      </select>
      <button type="submit" data-testid="user-create">
        Add account
      </button>
    </form>
  );
}

function AccountRow({
  user,
  onToggle,
  onReset,
}: {
  user: UserAccount;
  onToggle: (u: UserAccount) => void;
  onReset: (u: UserAccount, password: string) => Promise<boolean>;
}) {
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  return (
    <tr data-testid="user-row" data-username={user.username}>
      <td>{user.username}</td>
      <td>{user.role === 'manager' ? 'Manager' : 'Clerk'}</td>
      <td>
        {user.disabled ? <span className="badge">disabled</span> : <span className="badge ok">active</span>}
        {user.lockedUntil ? (
          <span className="badge warn">locked until {new Date(user.lockedUntil).toLocaleTimeString()}</span>
        ) : null}
      </td>
      <td className="buttons">
        <button type="button" className="secondary" data-testid="user-toggle" onClick={() => onToggle(user)}>
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
        {resetting ? (
          <>
            <input
              type="password"
              aria-label={`New password for ${user.username}`}
              data-testid="user-reset-password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button
              type="button"
              data-testid="user-reset-save"
              onClick={() => void onReset(user, password).then((done) => done && setResetting(false))}
            >
              Set password
            </button>
          </>
        ) : (
          <button type="button" className="secondary" data-testid="user-reset" onClick={() => setResetting(true)}>
            Reset password
          </button>
        )}
      </td>
    </tr>
  );
}

function AuditLog({ client, store }: AdminTabProps) {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const entries = useLoaded(
    () =>
      client.call('audit.list', {
        limit: 200,
        ...(action === '' ? {} : { action }),
        ...(actor.trim() === '' ? {} : { actor: actor.trim() }),
      }),
    store,
    `${action}|${actor}`,
  );
  return (
    <section className="card audit-log" aria-labelledby="audit-title">
      <div className="section-head">
        <h3 id="audit-title">Audit log</h3>
        <select
          aria-label="Action"
          data-testid="audit-action"
          value={action}
          onChange={(e) => setAction(e.target.value)}
        >
          <option value="">All actions</option>
          <option value="enrolment.finish">Enrolments</option>
          <option value="customer.biometrics_erased">Erasures</option>
          <option value="consent.withdrawn">Consent withdrawals</option>
          <option value="settings.privacy_changed">Setting changes</option>
          <option value="report.exported">Exports</option>
          <option value="backup.restored">Restores</option>
          <option value="user.created">Accounts created</option>
        </select>
        <input
          type="search"
          placeholder="Who"
          aria-label="Who"
          value={actor}
          onChange={(e) => setActor(e.target.value)}
        />
        <button type="button" className="secondary" onClick={entries.reload}>
          Refresh
        </button>
      </div>
      <InlineError message={entries.error} testId="audit-error" />
      <table className="audit" data-testid="audit-table">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {(entries.value ?? []).map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td className="small muted">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AccountsSection({ client, store }: AdminTabProps) {
  const users = useLoaded(() => client.call('users.list', {}), store, 'users');
  const [note, setNote] = useState<string | null>(null);

  async function create(username: string, password: string, role: UserRole): Promise<boolean> {
    setNote(null);
    const created = unwrap(await client.call('users.create', { username, password, role }), store, users.setError);
    if (created === null) return false;
    users.setError(null);
    setNote(`${created.username} can now sign in${created.role === 'clerk' ? ' on the staff window' : ''}.`);
    users.reload();
    return true;
  }
  async function toggle(user: UserAccount): Promise<void> {
    setNote(null);
    const changed = unwrap(
      await client.call('users.setDisabled', { userId: user.id, disabled: !user.disabled }),
      store,
      users.setError,
    );
    if (changed !== null) users.reload();
  }
  async function reset(user: UserAccount, password: string): Promise<boolean> {
    setNote(null);
    const changed = unwrap(
      await client.call('users.resetPassword', { userId: user.id, password }),
      store,
      users.setError,
    );
    if (changed === null) return false;
    setNote(`New password set for ${user.username}.`);
    users.reload();
    return true;
  }

  return (
    <section className="admin-section accounts" aria-labelledby="accounts-title">
      <div className="card">
        <h2 id="accounts-title">Accounts</h2>
        <p className="muted small">
          Managers use this window; clerks sign in on the staff window. Five wrong passwords in a row lock an account
          for five minutes.
        </p>
        <InlineError message={users.error} testId="accounts-error" />
        {note ? (
          <p className="notice" data-testid="accounts-note">
            {note}
          </p>
        ) : null}
        <table className="accounts-table">
          <tbody>
            {(users.value ?? []).map((u) => (
              <AccountRow key={u.id} user={u} onToggle={(x) => void toggle(x)} onReset={reset} />
            ))}
          </tbody>
        </table>
        <NewAccount onCreate={create} />
      </div>
      <AuditLog client={client} store={store} />
    </section>
  );
}
