/**
 * The kiosk as an appliance, for the manager: which screen is the customer display, start at login, opening hours
 * (screens kept awake while open), updates from the chain (off by default), the customer display's lock (unlocked
 * only with the manager password), clerks' tablets on the store's network (one-time code, revoke), and the logs to
 * send to support.
 */
import { useEffect, useState } from 'react';
import type { KioskSettingsPatch, KioskState, LanStatus } from '../../electron/contract/desktop.js';
import type { KioskClient } from '../shared/api/client.js';
import { InlineError } from '../shared/components/ErrorBanner.js';

type Client = KioskClient<'admin'>;

function useKioskState(client: Client) {
  const [state, setState] = useState<KioskState | null>(null);
  const [lan, setLan] = useState<LanStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void client.call('kiosk.state', {}).then((result) => {
      if (!live) return;
      if (result.ok) setState(result.value);
      else setError(result.error.message);
    });
    void client.call('lan.status', {}).then((result) => {
      if (live && result.ok) setLan(result.value);
    });
    const offKiosk = client.on('kiosk.changed', (payload) => setState(payload));
    const offLan = client.on('lan.changed', (payload) => setLan(payload));
    return () => {
      live = false;
      offKiosk();
      offLan();
    };
  }, [client]);
  return { state, setState, lan, setLan, error, setError };
}

function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

export function KioskSection({ client }: { readonly client: Client }) {
  const { state, setState, lan, setLan, error, setError } = useKioskState(client);
  const [password, setPassword] = useState('');
  const [tabletName, setTabletName] = useState('');
  const [updateUrl, setUpdateUrl] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const save = async (patch: KioskSettingsPatch): Promise<void> => {
    setError(null);
    const result = await client.call('kiosk.updateSettings', patch);
    if (result.ok) setState(result.value);
    else setError(result.error.message);
  };

  const lanCall = async (run: () => ReturnType<Client['call']>): Promise<void> => {
    setError(null);
    const result = await run();
    if (result.ok) setLan(result.value as LanStatus);
    else setError(result.error.message);
  };

  if (state === null)
    return <section className="panel">{error === null ? 'Loading…' : <InlineError message={error} />}</section>;
  const { settings } = state;
  const url = updateUrl ?? settings.updates.url;

  return (
    <section className="panel kiosk-section" data-testid="kiosk-section">
      <h2>Kiosk</h2>
      {error !== null ? <InlineError message={error} /> : null}
      {notice !== null ? <p className="banner ok">{notice}</p> : null}
      <h3>Screens</h3>
      {state.displays.length === 0 ? (
        <p className="muted">Screens are chosen in the desktop app; browser mode has none to place.</p>
      ) : (
        <label>
          Customer display on{' '}
          <select
            data-testid="customer-display"
            value={settings.customerDisplayId ?? ''}
            onChange={(event) =>
              void save({ customerDisplayId: event.target.value === '' ? null : Number(event.target.value) })
            }
          >
            <option value="">The first screen that is not the main one</option>
            {state.displays.map((display) => (
              <option key={display.id} value={display.id}>
                {display.label}
                {display.primary ? ' — main screen' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      <h3>Customer display lock</h3>
      <p data-testid="kiosk-lock">
        {state.locked
          ? 'Locked: customers cannot leave the customer display (no menus, no shortcuts, it cannot be closed).'
          : 'Unlocked: the customer display can be closed or left with the keyboard. Lock it again when you are done.'}
      </p>
      {state.locked ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void client.call('kiosk.unlock', { password }).then((result) => {
              setPassword('');
              if (result.ok) setState(result.value);
              else setError(result.error.message);
            });
          }}
        >
          <label>
            Manager password{' '}
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>{' '}
          <button type="submit" disabled={password === ''}>
            Unlock
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => void client.call('kiosk.lock', {}).then((r) => r.ok && setState(r.value))}>
          Lock again
        </button>
      )}
      <h3>Power and start-up</h3>
      <label>
        <input
          type="checkbox"
          checked={settings.startAtLogin}
          onChange={(e) => void save({ startAtLogin: e.target.checked })}
        />{' '}
        Start Smart Store Kiosk when this PC signs in
      </label>
      <p>
        Keep the screens awake from{' '}
        <input
          type="time"
          value={settings.openingHours.open}
          onChange={(e) => void save({ openingHours: { ...settings.openingHours, open: e.target.value } })}
        />{' '}
        to{' '}
        <input
          type="time"
          value={settings.openingHours.close}
          onChange={(e) => void save({ openingHours: { ...settings.openingHours, close: e.target.value } })}
        />
      </p>
      <h3>Updates</h3>
      <label>
        Update address from your chain{' '}
        <input type="url" placeholder="https://…" value={url} onChange={(e) => setUpdateUrl(e.target.value)} />
      </label>{' '}
      <label>
        <input
          type="checkbox"
          checked={settings.updates.enabled}
          onChange={(e) => void save({ updates: { enabled: e.target.checked, url } })}
        />{' '}
        Install updates automatically (downloaded in the background, installed at the next restart)
      </label>
      <h3>Clerks’ tablets</h3>
      {lan === null ? null : (
        <div data-testid="lan-section">
          <label>
            <input
              type="checkbox"
              checked={lan.enabled}
              onChange={(e) => void lanCall(() => client.call('lan.setEnabled', { enabled: e.target.checked }))}
            />{' '}
            Serve the staff page to tablets on this store’s network
          </label>
          {lan.enabled ? (
            <>
              <p className="muted">Tablets open: {lan.urls.length === 0 ? '(starting…)' : lan.urls.join('  or  ')}</p>
              {lan.code !== null ? (
                <p className="pairing-code" data-testid="pairing-code">
                  Pairing code: <strong>{lan.code.code}</strong> (valid until{' '}
                  {new Date(lan.code.expiresAt).toLocaleTimeString()})
                </p>
              ) : null}
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void lanCall(() => client.call('lan.newCode', { label: tabletName }));
                }}
              >
                <input
                  placeholder="Tablet name, e.g. Pickup counter"
                  value={tabletName}
                  onChange={(e) => setTabletName(e.target.value)}
                />{' '}
                <button type="submit" disabled={tabletName.trim() === ''}>
                  Open a pairing code
                </button>
              </form>
              <ul>
                {lan.pairings.map((pairing) => (
                  <li key={pairing.id}>
                    {pairing.label} — paired {new Date(pairing.createdAt).toLocaleString()}, last seen{' '}
                    {pairing.lastSeenAt === null ? 'never' : new Date(pairing.lastSeenAt).toLocaleString()}{' '}
                    <button
                      type="button"
                      className="danger"
                      onClick={() => void lanCall(() => client.call('lan.revoke', { pairingId: pairing.id }))}
                    >
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      )}
      <h3>Support</h3>
      <button
        type="button"
        data-testid="export-logs"
        onClick={() =>
          void client.call('support.exportLogs', {}).then((result) => {
            if (!result.ok) return setError(result.error.message);
            downloadText(result.value.fileName, result.value.text);
            setNotice(`Saved ${result.value.fileName} (${result.value.files} log files). Send it to support.`);
          })
        }
      >
        Export logs for support
      </button>
    </section>
  );
}
