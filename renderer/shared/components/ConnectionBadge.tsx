/** A small pill saying whether this window is connected to the core. */
import type { ConnectionStatus } from '../api/connection.js';
import { missingCaseError } from '../../../electron/contract/result.js';

function describe(status: ConnectionStatus): { label: string; tone: string } {
  switch (status.state) {
    case 'connected':
      return { label: 'Connected', tone: 'ok' };
    case 'connecting':
      return { label: 'Connecting…', tone: 'warn' };
    case 'disconnected':
      return { label: 'Offline', tone: 'danger' };
    default:
      throw missingCaseError(status.state);
  }
}

export function ConnectionBadge({ status }: { readonly status: ConnectionStatus }) {
  const { label, tone } = describe(status);
  return (
    <span className={`badge ${tone}`} data-testid="connection-badge" data-state={status.state}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
