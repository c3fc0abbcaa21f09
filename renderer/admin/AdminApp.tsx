/** The manager's window: first-run setup, sign-in, then camera, customers and enrolment. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { missingCaseError } from '../../electron/contract/result.js';
import type { KioskClient } from '../shared/api/client.js';
import { ConnectionBadge } from '../shared/components/ConnectionBadge.js';
import { ErrorBanner } from '../shared/components/ErrorBanner.js';
import { useConnection } from '../shared/hooks/useConnection.js';
import { AreaError } from './AreaError.js';
import { LoginForm, SetupForm } from './AuthForms.js';
import { useState } from 'react';
import type { AdminState, Phase } from './store.js';
import { ADMIN_TABS } from './tabs.js';

interface Props {
  readonly client: KioskClient<'admin'>;
  readonly store: StoreApi<AdminState>;
}

function SignedIn({ client, store }: Props) {
  const [active, setActive] = useState(ADMIN_TABS[0]?.id ?? '');
  const tab = ADMIN_TABS.find((t) => t.id === active) ?? ADMIN_TABS[0];
  return (
    <>
      {ADMIN_TABS.length > 1 ? (
        <nav className="tabs" aria-label="Admin sections">
          {ADMIN_TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t.id === tab?.id}
              className={t.id === tab?.id ? 'tab active' : 'tab'}
              data-testid={`tab-${t.id}`}
              onClick={() => setActive(t.id)}
            >
              {t.label}
            </button>
          ))}
        </nav>
      ) : null}
      {tab ? tab.render({ client, store }) : null}
    </>
  );
}

function Body({ phase, client, store }: { readonly phase: Phase } & Props) {
  switch (phase) {
    case 'loading':
      return <p className="muted loading">Connecting to the kiosk…</p>;
    case 'setup':
      return <SetupForm store={store} />;
    case 'login':
      return <LoginForm store={store} />;
    case 'signedIn':
      return <SignedIn client={client} store={store} />;
    default:
      throw missingCaseError(phase);
  }
}

export function AdminApp({ client, store }: Props) {
  const status = useConnection(client.connection);
  const phase = useStore(store, (s) => s.phase);
  const username = useStore(store, (s) => s.username);
  const signOut = useStore(store, (s) => s.signOut);
  return (
    <div className="admin">
      <ErrorBanner status={status} />
      <header className="topbar">
        <h1>Store admin</h1>
        {phase === 'signedIn' ? (
          <>
            <span className="muted">Signed in as {username}</span>
            <button type="button" className="secondary" data-testid="sign-out" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        ) : null}
        <ConnectionBadge status={status} />
      </header>
      <main className="content">
        <AreaError store={store} area="session" />
        <Body phase={phase} client={client} store={store} />
      </main>
    </div>
  );
}
