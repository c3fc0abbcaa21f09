/**
 * Optional cloud matching with AWS Rekognition, for the manager: the mode (local only is the default), region,
 * collection, match threshold and credentials (written, never shown again), and this month's calls with their
 * estimated cost (the seed paid about $1 per 1,000 calls) and the last problem (network down, throttling).
 */
import { useEffect, useState } from 'react';
import type { CloudMode, CloudStatus } from '../../electron/contract/desktop.js';
import type { KioskClient } from '../shared/api/client.js';
import { InlineError } from '../shared/components/ErrorBanner.js';

const MODES: readonly [CloudMode, string][] = [
  ['local', 'Local only (nothing leaves this PC)'],
  ['local-then-cloud', 'Local first, the cloud as a second opinion'],
  ['cloud', 'Cloud only (falls back to local when the network is down)'],
];

/** The seed's figure: about one dollar per thousand Rekognition calls. */
const USD_PER_CALL = 0.001;

export function CloudSection({ client }: { readonly client: KioskClient<'admin'> }) {
  const [status, setStatus] = useState<CloudStatus | null>(null);
  const [draft, setDraft] = useState<{
    mode: CloudMode;
    region: string;
    collectionId: string;
    threshold: number;
  } | null>(null);
  const [keys, setKeys] = useState({ accessKeyId: '', secretAccessKey: '' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void client.call('cloud.status', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setStatus(result.value);
        setDraft({
          mode: result.value.mode,
          region: result.value.region,
          collectionId: result.value.collectionId,
          threshold: result.value.threshold,
        });
      } else setError(result.error.message);
    });
    const off = client.on('cloud.changed', (payload) => setStatus(payload));
    return () => {
      live = false;
      off();
    };
  }, [client]);

  if (status === null || draft === null) {
    return <section className="panel">{error === null ? 'Loading…' : <InlineError message={error} />}</section>;
  }

  const submit = async (): Promise<void> => {
    setError(null);
    const withKeys = keys.accessKeyId !== '' || keys.secretAccessKey !== '';
    const result = await client.call('cloud.updateSettings', { ...draft, ...(withKeys ? { credentials: keys } : {}) });
    if (result.ok) {
      setStatus(result.value);
      setKeys({ accessKeyId: '', secretAccessKey: '' });
    } else setError(result.error.message);
  };

  return (
    <section className="panel cloud-section" data-testid="cloud-section">
      <h2>Cloud matching (AWS Rekognition)</h2>
      <p className="muted">
        Optional. In a cloud mode, face crops of people at the entrance are sent to AWS for matching, and the faces of
        consenting enrolled customers are indexed there; erasing a customer removes them there too.
      </p>
      {error !== null ? <InlineError message={error} /> : null}
      <p data-testid="cloud-usage">
        {status.month}: <strong>{status.monthCalls}</strong> calls ({status.monthFailures} failed), about $
        {(status.monthCalls * USD_PER_CALL).toFixed(2)}
        {status.meanLatencyMs === null ? '' : `, ${status.meanLatencyMs} ms on average`}.
      </p>
      {status.lastProblem !== null ? <p className="banner warn">{status.lastProblem}</p> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>Mode</legend>
          {MODES.map(([mode, label]) => (
            <label key={mode}>
              <input
                type="radio"
                name="cloud-mode"
                checked={draft.mode === mode}
                onChange={() => setDraft({ ...draft, mode })}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <label>
          Region <input value={draft.region} onChange={(e) => setDraft({ ...draft, region: e.target.value })} />
        </label>{' '}
        <label>
          Collection{' '}
          <input value={draft.collectionId} onChange={(e) => setDraft({ ...draft, collectionId: e.target.value })} />
        </label>{' '}
        <label>
          Match threshold (%){' '}
          <input
            type="number"
            min={50}
            max={100}
            value={draft.threshold}
            onChange={(e) => setDraft({ ...draft, threshold: Number(e.target.value) })}
          />
        </label>
        <p className="muted">
          Credentials:{' '}
          {status.hasCredentials ? 'stored (encrypted). Enter new ones only to replace them.' : 'none stored yet.'}
        </p>
        <label>
          Access key id{' '}
          <input
            autoComplete="off"
            value={keys.accessKeyId}
            onChange={(e) => setKeys({ ...keys, accessKeyId: e.target.value })}
          />
        </label>{' '}
        <label>
          Secret access key{' '}
          <input
            type="password"
            autoComplete="off"
            value={keys.secretAccessKey}
            onChange={(e) => setKeys({ ...keys, secretAccessKey: e.target.value })}
          />
        </label>{' '}
        <button type="submit">Save</button>
      </form>
    </section>
  );
}
