/**
 * Chain sync for the manager: its health (connected, messages waiting, oldest waiting, last error, quarantined
 * messages) and the broker settings (store id, address, user name and password or a client certificate).
 * Secrets are written, never shown again: the section only says whether one is stored, and where.
 */
import { useEffect, useState } from 'react';
import type { SyncSettingsInput, SyncSettingsView, SyncStatus } from '../../electron/contract/sync-dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import { useNow } from '../shared/hooks/useNow.js';
import { syncSummary } from '../shared/sync-health.js';

type Draft = Omit<SyncSettingsInput, 'password' | 'clientKeyPem'> & { password: string; clientKeyPem: string };

function draftOf(view: SyncSettingsView): Draft {
  return {
    storeId: view.storeId,
    brokerUrl: view.brokerUrl,
    username: view.username,
    password: '',
    caPem: view.caPem,
    clientCertPem: view.clientCertPem,
    clientKeyPem: '',
    rejectUnauthorized: view.rejectUnauthorized,
  };
}

function SyncHealth({ status }: { readonly status: SyncStatus }) {
  const now = useNow(30_000);
  const summary = syncSummary(status, now);
  return (
    <div className="sync-health" data-testid="sync-health" data-state={status.state}>
      <p>
        <span className={`badge ${summary.tone}`}>{status.state}</span> {summary.text}
      </p>
      <dl className="muted small">
        <dt>Store id</dt>
        <dd>{status.storeId}</dd>
        <dt>Broker</dt>
        <dd>{status.broker ?? 'none (sync off)'}</dd>
        <dt>Messages waiting</dt>
        <dd data-testid="sync-waiting">{status.waiting}</dd>
        <dt>Oldest waiting</dt>
        <dd>{status.oldestWaitingAt ?? '—'}</dd>
        <dt>Last sent / received</dt>
        <dd>
          {status.lastSentAt ?? '—'} / {status.lastReceivedAt ?? '—'}
        </dd>
        <dt>Kept aside (quarantined)</dt>
        <dd>{status.quarantined}</dd>
        <dt>Reconnects</dt>
        <dd>{status.reconnects}</dd>
      </dl>
      {status.lastError !== null ? (
        <p className="camera-error" data-testid="sync-last-error">
          Last error: {status.lastError}
        </p>
      ) : null}
    </div>
  );
}

export function SyncSection({ client }: { readonly client: KioskClient<'admin'> }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [view, setView] = useState<SyncSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void client.call('sync.status', {}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    void client.call('sync.settings.get', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setView(result.value);
        setDraft(draftOf(result.value));
      } else setError(result.error.message);
    });
    const stop = client.on('sync.status', (next) => setStatus(next));
    return () => {
      live = false;
      stop();
    };
  }, [client]);

  const save = async (): Promise<void> => {
    if (draft === null) return;
    setSaved(false);
    const input: SyncSettingsInput = {
      storeId: draft.storeId,
      brokerUrl: draft.brokerUrl,
      username: draft.username,
      caPem: draft.caPem,
      clientCertPem: draft.clientCertPem,
      rejectUnauthorized: draft.rejectUnauthorized,
      // Empty fields keep the stored secret; "Remove" below clears it on purpose.
      ...(draft.password !== '' ? { password: draft.password } : {}),
      ...(draft.clientKeyPem !== '' ? { clientKeyPem: draft.clientKeyPem } : {}),
    };
    const result = await client.call('sync.settings.set', input);
    if (result.ok) {
      setView(result.value);
      setDraft(draftOf(result.value));
      setError(null);
      setSaved(true);
    } else setError(result.error.message);
  };

  const removeSecret = async (which: 'password' | 'clientKeyPem'): Promise<void> => {
    if (draft === null) return;
    const { password: _p, clientKeyPem: _k, ...rest } = draft;
    const result = await client.call('sync.settings.set', { ...rest, [which]: '' });
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else setError(result.error.message);
  };

  const text = (key: 'storeId' | 'brokerUrl' | 'username', label: string, placeholder: string) => (
    <label className="field">
      {label}
      <input
        type="text"
        value={draft?.[key] ?? ''}
        placeholder={placeholder}
        autoComplete="off"
        data-testid={`sync-${key}`}
        onChange={(event) => draft && setDraft({ ...draft, [key]: event.target.value })}
      />
    </label>
  );
  const pem = (key: 'caPem' | 'clientCertPem' | 'clientKeyPem', label: string) => (
    <label className="field">
      {label}
      <textarea
        rows={3}
        value={draft?.[key] ?? ''}
        placeholder="-----BEGIN …"
        data-testid={`sync-${key}`}
        onChange={(event) => draft && setDraft({ ...draft, [key]: event.target.value })}
      />
    </label>
  );

  return (
    <section className="admin-section card sync-section" aria-labelledby="sync-title">
      <h2 id="sync-title">Chain sync</h2>
      <p className="muted">
        The store works offline on its own database. With a broker address, it sends visits, order updates, enrolments,
        erasures and hourly footfall to the chain and receives orders, the catalogue, campaigns and chain-wide
        enrolments (see docs/sync.md). Leave the address empty to keep sync off.
      </p>
      {status !== null ? <SyncHealth status={status} /> : null}
      {draft !== null && view !== null ? (
        <form
          className="sync-settings"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {text('storeId', 'Store id (as the chain knows this store)', 'demo-store')}
          {text('brokerUrl', 'Broker address', 'mqtts://broker.example.com:8883')}
          {text('username', 'User name', 'optional')}
          <label className="field">
            Password {view.hasPassword ? <span className="badge ok">stored</span> : null}
            <input
              type="password"
              value={draft.password}
              placeholder={view.hasPassword ? 'leave empty to keep the stored one' : 'optional'}
              autoComplete="new-password"
              data-testid="sync-password"
              onChange={(event) => setDraft({ ...draft, password: event.target.value })}
            />
          </label>
          {view.hasPassword ? (
            <button type="button" className="secondary" onClick={() => void removeSecret('password')}>
              Remove the stored password
            </button>
          ) : null}
          {pem('caPem', 'Certificate authority to trust (PEM, optional: empty = the system’s)')}
          {pem('clientCertPem', 'Client certificate (PEM, optional)')}
          {pem(
            'clientKeyPem',
            view.hasClientKey ? 'Client key (stored; paste a new one to replace it)' : 'Client key (PEM, optional)',
          )}
          {view.hasClientKey ? (
            <button type="button" className="secondary" onClick={() => void removeSecret('clientKeyPem')}>
              Remove the stored client key
            </button>
          ) : null}
          <label className="field checkbox">
            <input
              type="checkbox"
              checked={draft.rejectUnauthorized}
              data-testid="sync-rejectUnauthorized"
              onChange={(event) => setDraft({ ...draft, rejectUnauthorized: event.target.checked })}
            />
            Check the broker’s certificate (turn off only for a test broker with a self-signed certificate)
          </label>
          <p className="muted small" data-testid="sync-secret-storage">
            The password and client key are kept in {view.secretStorage}.
          </p>
          <div className="buttons">
            <button type="submit" data-testid="sync-save">
              Save and connect
            </button>
            {saved ? <span className="badge ok">Saved</span> : null}
          </div>
        </form>
      ) : null}
      <InlineError message={error} testId="sync-error" />
    </section>
  );
}
