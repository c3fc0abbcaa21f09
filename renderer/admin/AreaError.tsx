/** The admin's one error sentence, shown in the area whose action failed. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { InlineError } from '../shared/components/ErrorBanner.js';
import type { AdminState, ErrorArea } from './store.js';

export function AreaError({ store, area }: { readonly store: StoreApi<AdminState>; readonly area: ErrorArea }) {
  const message = useStore(store, (s) => (s.error?.area === area ? s.error.message : null));
  return <InlineError message={message} testId="admin-error" />;
}
