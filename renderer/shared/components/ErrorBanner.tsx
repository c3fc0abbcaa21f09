/** The banner every window shows while the core is unreachable; it disappears by itself on reconnect. */
import type { ConnectionStatus } from '../api/connection.js';

export function ErrorBanner({ status }: { readonly status: ConnectionStatus }) {
  if (status.state !== 'disconnected') return null;
  return (
    <div className="banner error connection-banner" role="alert" data-testid="connection-banner">
      {status.message ?? 'Cannot reach the kiosk core. Reconnecting automatically…'}
    </div>
  );
}

/** An error sentence next to the thing that failed. */
export function InlineError({ message, testId }: { readonly message: string | null; readonly testId?: string }) {
  if (message === null || message === '') return null;
  return (
    <p className="inline-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
