/**
 * Backups: the newest three (one is taken every day; "Back up now" takes one more), and restore, which puts a
 * backup's data back while the kiosk keeps running. Before a restore the current state is backed up, so a
 * restore can itself be undone.
 */
import { useState } from 'react';
import type { BackupInfo } from '../../electron/contract/admin-dto.js';
import { InlineError } from '../shared/components/ErrorBanner.js';
import type { AdminTabProps } from './tabs.js';
import { unwrap, useLoaded } from './use-admin-call.js';

const REASONS: Record<BackupInfo['reason'], string> = {
  scheduled: 'daily',
  manual: 'on demand',
  'before-restore': 'before a restore',
};

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function BackupsSection({ client, store }: AdminTabProps) {
  const backups = useLoaded(() => client.call('backups.list', {}), store, 'backups');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function backUp(): Promise<void> {
    setBusy(true);
    setNote(null);
    const made = unwrap(await client.call('backups.create', {}), store, backups.setError);
    setBusy(false);
    if (made === null) return;
    backups.setError(null);
    setNote(`Backup ${made.name} written (${size(made.bytes)}).`);
    backups.reload();
  }

  async function restore(name: string): Promise<void> {
    setBusy(true);
    setNote(null);
    const done = unwrap(await client.call('backups.restore', { name }), store, backups.setError);
    setBusy(false);
    setConfirming(null);
    if (done === null) return;
    backups.setError(null);
    setNote(
      `Restored ${done.restored.name}. The state before the restore was saved as ${done.safety.name}; restore that to undo.`,
    );
    backups.reload();
  }

  return (
    <section className="admin-section backups card" aria-labelledby="backups-title">
      <div className="section-head">
        <h2 id="backups-title">Backups</h2>
        <button type="button" data-testid="backup-now" disabled={busy} onClick={() => void backUp()}>
          Back up now
        </button>
      </div>
      <p className="muted small">
        A backup is taken every day; the newest three are kept in the data folder’s backups folder. The kiosk keeps
        running during a backup and a restore.
      </p>
      <InlineError message={backups.error} testId="backups-error" />
      {note ? (
        <p className="notice" data-testid="backups-note">
          {note}
        </p>
      ) : null}
      {backups.value !== null && backups.value.length === 0 ? <p className="muted">No backup yet.</p> : null}
      <table className="backups-table">
        <tbody>
          {(backups.value ?? []).map((b) => (
            <tr key={b.name} data-testid="backup-row" data-name={b.name}>
              <td>{new Date(b.createdAt).toLocaleString()}</td>
              <td>{REASONS[b.reason]}</td>
              <td>{size(b.bytes)}</td>
              <td className="buttons">
                {confirming === b.name ? (
                  <span className="confirm banner warn" role="alertdialog" aria-label="Confirm restore">
                    Replace all current data with this backup?{' '}
                    <button
                      type="button"
                      className="danger"
                      data-testid="restore-confirm"
                      disabled={busy}
                      onClick={() => void restore(b.name)}
                    >
                      Yes, restore
                    </button>{' '}
                    <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                      Keep current data
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    data-testid="restore"
                    disabled={busy}
                    onClick={() => setConfirming(b.name)}
                  >
                    Restore…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
