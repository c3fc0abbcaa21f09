/**
 * The chain sync's health in the staff window's top bar: connected or not, messages waiting and the oldest one.
 * The desk works the same offline; the badge only tells clerks why chain orders might be late.
 */
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../electron/contract/sync-dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { useNow } from '../shared/hooks/useNow.js';
import { syncSummary } from '../shared/sync-health.js';

export function SyncBadge({ client }: { readonly client: KioskClient<'staff'> }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const now = useNow(30_000);
  useEffect(() => {
    let live = true;
    void client.call('sync.status', {}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    const stop = client.on('sync.status', (next) => setStatus(next));
    return () => {
      live = false;
      stop();
    };
  }, [client]);
  if (status === null || status.state === 'off') return null;
  const summary = syncSummary(status, now);
  return (
    <span
      className={`badge ${summary.tone}`}
      data-testid="sync-badge"
      data-state={status.state}
      title={status.lastError ?? undefined}
    >
      {summary.text}
    </span>
  );
}
