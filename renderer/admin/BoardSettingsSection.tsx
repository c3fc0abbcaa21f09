/**
 * The pickup board's settings for the manager: whether a clerk confirms each match before the customer display
 * shows anything personal (on unless the store turns it off), and when tickets turn amber and red.
 */
import { useEffect, useState } from 'react';
import type { BoardConfig } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { InlineError } from '../shared/components/ErrorBanner.js';

export function BoardSettingsSection({ client }: { readonly client: KioskClient<'admin'> }) {
  const [config, setConfig] = useState<BoardConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void client.call('board.config', {}).then((result) => {
      if (!live) return;
      if (result.ok) setConfig(result.value);
      else setError(result.error.message);
    });
    const stop = client.on('board.config', (next) => setConfig(next));
    return () => {
      live = false;
      stop();
    };
  }, [client]);

  if (config === null) return <InlineError message={error} testId="board-settings-error" />;

  const save = async (): Promise<void> => {
    setSaved(false);
    const result = await client.call('board.saveConfig', config);
    if (result.ok) {
      setConfig(result.value);
      setError(null);
      setSaved(true);
    } else {
      setError(result.error.message);
    }
  };
  const minutes = (key: 'amberAfterMinutes' | 'redAfterMinutes', label: string) => (
    <label className="field">
      {label}
      <input
        type="number"
        min={1}
        max={240}
        value={config[key]}
        data-testid={`board-${key}`}
        onChange={(event) => setConfig({ ...config, [key]: Math.round(Number(event.target.value)) })}
      />
    </label>
  );

  return (
    <section className="card board-settings" aria-label="Pickup board settings">
      <h2>Pickup board</h2>
      <label className="field checkbox">
        <input
          type="checkbox"
          data-testid="board-confirmMatches"
          checked={config.confirmMatches}
          onChange={(event) => setConfig({ ...config, confirmMatches: event.target.checked })}
        />
        A clerk confirms each recognised customer (“Is this Anna K.?”) before the customer display greets them by name
      </label>
      {minutes('amberAfterMinutes', 'Tickets turn amber after (minutes)')}
      {minutes('redAfterMinutes', 'Tickets turn red after (minutes)')}
      <div className="buttons">
        <button type="button" data-testid="board-save" onClick={() => void save()}>
          Save
        </button>
        {saved ? <span className="badge ok">Saved</span> : null}
      </div>
      <InlineError message={error} testId="board-settings-error" />
    </section>
  );
}
