/** First-run manager setup and the sign-in form. Passwords never leave these components except in the call. */
import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { InlineError } from '../shared/components/ErrorBanner.js';
import { LabelledInput } from '../shared/components/LabelledInput.js';
import { AreaError } from './AreaError.js';
import type { AdminState } from './store.js';

const MIN_PASSWORD = 8;

/** Checked here for a quick answer; the core checks the same rules again (dto.Username, dto.NewPassword). */
function setupProblem(username: string, password: string, repeat: string): string | null {
  if (username.trim().length < 2) return 'A user name needs at least 2 characters.';
  if (password.length < MIN_PASSWORD) return `Choose a password of at least ${MIN_PASSWORD} characters.`;
  if (password !== repeat) return 'The two passwords are not the same.';
  return null;
}

export function SetupForm({ store }: { readonly store: StoreApi<AdminState> }) {
  const busy = useStore(store, (s) => s.busy);
  const setUp = useStore(store, (s) => s.setUp);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const found = setupProblem(username, password, repeat);
    setProblem(found);
    if (found === null) void setUp(username.trim(), password);
  }

  return (
    <form className="auth card" onSubmit={submit} noValidate>
      <h1>Set up the manager account</h1>
      <p className="muted">
        This account signs in to enrol customers and manage face data. Choose a password of at least {MIN_PASSWORD}{' '}
        characters; it is stored only on this PC.
      </p>
      <LabelledInput
        label="User name"
        testId="setup-username"
        autoComplete="username"
        value={username}
        onChange={setUsername}
      />
      <LabelledInput
        label="Password"
        type="password"
        testId="setup-password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
      />
      <LabelledInput
        label="Repeat the password"
        type="password"
        testId="setup-password2"
        autoComplete="new-password"
        value={repeat}
        onChange={setRepeat}
      />
      <button type="submit" data-testid="setup-submit" disabled={busy}>
        Create the account
      </button>
      {problem !== null ? (
        <InlineError message={problem} testId="admin-error" />
      ) : (
        <AreaError store={store} area="auth" />
      )}
    </form>
  );
}

export function LoginForm({ store }: { readonly store: StoreApi<AdminState> }) {
  const busy = useStore(store, (s) => s.busy);
  const signIn = useStore(store, (s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent): void {
    event.preventDefault();
    void signIn(username.trim(), password).then(() => setPassword(''));
  }

  return (
    <form className="auth card" onSubmit={submit} noValidate>
      <h1>Sign in</h1>
      <LabelledInput
        label="User name"
        testId="login-username"
        autoComplete="username"
        value={username}
        onChange={setUsername}
      />
      <LabelledInput
        label="Password"
        type="password"
        testId="login-password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <button type="submit" data-testid="login-submit" disabled={busy || username.trim() === '' || password === ''}>
        Sign in
      </button>
      <AreaError store={store} area="auth" />
    </form>
  );
}
