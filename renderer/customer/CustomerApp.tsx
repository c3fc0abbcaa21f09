/** The customer-facing screen: an offer loop while idle, a personal greeting when a known customer arrives. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { missingCaseError } from '../../electron/contract/result.js';
import type { KioskClient } from '../shared/api/client.js';
import { ErrorBanner } from '../shared/components/ErrorBanner.js';
import { useConnection } from '../shared/hooks/useConnection.js';
import { Greeting } from './Greeting.js';
import { IdleLoop } from './IdleLoop.js';
import type { CustomerState } from './store.js';

interface Props {
  readonly client: KioskClient<'customer'>;
  readonly store: StoreApi<CustomerState>;
}

function Screen({ state }: { readonly state: CustomerState }) {
  const { display } = state;
  if (display === null) {
    return (
      <section className="screen welcome">
        <h1 className="welcome-title">{state.storeName === '' ? 'Welcome' : `Welcome to ${state.storeName}`}</h1>
      </section>
    );
  }
  switch (display.kind) {
    case 'idle':
      return <IdleLoop offers={display.offers} storeName={state.storeName} />;
    case 'greeting':
      // Keyed by visit: a new customer gets a fresh fade-in, an update for the same visit does not flicker.
      return <Greeting key={display.visitId} greeting={display} />;
    default:
      throw missingCaseError(display);
  }
}

export function CustomerApp({ client, store }: Props) {
  const status = useConnection(client.connection);
  const state = useStore(store);
  return (
    <main className="customer">
      <ErrorBanner status={status} />
      <Screen state={state} />
    </main>
  );
}
