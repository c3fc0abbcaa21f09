/**
 * The customer-facing screen: an offer and campaign loop while idle, a neutral welcome when nothing personal may
 * be shown, a personal greeting when a known (and, where required, confirmed) customer is alone in front.
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { missingCaseError } from '../../electron/contract/result.js';
import type { KioskClient } from '../shared/api/client.js';
import { Greeting } from './Greeting.js';
import { IdleLoop } from './IdleLoop.js';
import type { CustomerState } from './store.js';

interface Props {
  readonly client: KioskClient<'customer'>;
  readonly store: StoreApi<CustomerState>;
}

function welcomeText(storeName: string): string {
  return storeName === '' ? 'Welcome' : `Welcome to ${storeName}`;
}

function Screen({ state }: { readonly state: CustomerState }) {
  const { display } = state;
  if (display === null) {
    return (
      <section className="screen welcome">
        <h1 className="welcome-title">{welcomeText(state.storeName)}</h1>
      </section>
    );
  }
  switch (display.kind) {
    case 'idle':
      return <IdleLoop offers={display.offers} campaigns={display.campaigns ?? []} storeName={state.storeName} />;
    case 'welcome':
      return (
        <section className="screen welcome" data-testid="display-welcome">
          <h1 className="welcome-title">{welcomeText(state.storeName)}!</h1>
        </section>
      );
    case 'greeting':
      // Keyed by visit: a new customer gets a fresh fade-in, an update for the same visit does not flicker.
      return <Greeting key={display.visitId} greeting={display} />;
    default:
      throw missingCaseError(display);
  }
}

export function CustomerApp({ store }: Props) {
  const state = useStore(store);
  return (
    <main className="customer" data-offline={state.offline ? 'true' : 'false'}>
      <Screen state={state} />
      {/* A customer display keeps playing when the core is unreachable; staff see only this small dot. */}
      {state.offline ? (
        <span className="offline-dot" role="status" aria-label="Offline" data-testid="offline-dot" />
      ) : null}
    </main>
  );
}
