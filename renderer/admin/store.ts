/**
 * The admin window's state: the sign-in phase, the customer list, the enrolment in progress and the camera.
 * Sign-in lives on the core per connection, so after a reconnect the window asks `auth.status` again and
 * falls back to the sign-in form instead of pretending to still be signed in.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AuthStatus,
  CameraPreview,
  CameraStatus,
  ConsentText,
  CustomerSummary,
  EnrolmentSession,
} from '../../electron/contract/dto.js';
import type { Result } from '../../electron/contract/result.js';
import type { KioskClient } from '../shared/api/client.js';
import { onReconnected } from '../shared/api/reconnect.js';

export type Phase = 'loading' | 'setup' | 'login' | 'signedIn';
/** Where an error is shown, so it appears next to what failed. */
export type ErrorArea = 'auth' | 'customers' | 'enrolment' | 'erase' | 'session';

export interface SampleNote {
  readonly accepted: boolean;
  readonly message: string;
}

export interface Enrolment {
  readonly session: EnrolmentSession;
  readonly notes: readonly SampleNote[];
  readonly samples: number;
  readonly required: number;
}

export interface AdminState {
  readonly phase: Phase;
  readonly username: string | null;
  readonly error: { readonly area: ErrorArea; readonly message: string } | null;
  readonly notice: string | null;
  readonly busy: boolean;
  readonly query: string;
  readonly customers: readonly CustomerSummary[];
  readonly selectedId: string | null;
  readonly consent: ConsentText | null;
  readonly enrolment: Enrolment | null;
  readonly cameras: readonly CameraStatus[];
  readonly preview: CameraPreview | null;
  setUp(username: string, password: string): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  search(query: string): void;
  select(customerId: string | null): Promise<void>;
  startEnrolment(thumbnailAgreed: boolean): Promise<void>;
  captureSample(): Promise<void>;
  finishEnrolment(): Promise<void>;
  cancelEnrolment(): Promise<void>;
  erase(customerId: string): Promise<boolean>;
  clearMessages(): void;
  /** Re-reads the sign-in state (on load and after a reconnect) and everything a signed-in page shows. */
  reload(): Promise<void>;
}

export interface AdminStoreOptions {
  /** Wait before a search runs, so typing does not send a query per key. */
  readonly searchDelayMs: number;
}

export function createAdminStore(
  client: KioskClient<'admin'>,
  options: AdminStoreOptions = { searchDelayMs: 250 },
): { store: StoreApi<AdminState>; dispose(): void } {
  let searchTimer: number | undefined;
  // Bumped per list request; only the newest answer is shown (typing fast sends several).
  let listRequest = 0;

  const store = createStore<AdminState>()((set, get) => {
    /** Shows a failed call's sentence in its area; an expired sign-in sends the manager back to the form. */
    function failed<T>(result: Result<T>, area: ErrorArea): result is Extract<Result<T>, { ok: false }> {
      if (result.ok) return false;
      if (result.error.code === 'unauthenticated') {
        set({ phase: 'login', enrolment: null, error: { area: 'auth', message: result.error.message } });
        return true;
      }
      set({ error: { area, message: result.error.message } });
      return true;
    }

    async function enterSignedIn(status: AuthStatus): Promise<void> {
      set({ phase: 'signedIn', username: status.username, error: null });
      const [consent, cameras] = await Promise.all([client.call('consent.text', {}), client.call('camera.status', {})]);
      if (consent.ok) set({ consent: consent.value });
      else failed(consent, 'enrolment');
      if (cameras.ok) set({ cameras: cameras.value });
      await loadCustomers();
    }

    async function loadCustomers(): Promise<void> {
      const request = ++listRequest;
      const query = get().query.trim();
      const result = await client.call('customers.list', query === '' ? {} : { query });
      if (request !== listRequest) return;
      if (failed(result, 'customers')) return;
      if (result.ok) set({ customers: result.value });
    }

    async function applyAuth(result: Result<AuthStatus>, area: ErrorArea): Promise<void> {
      if (!result.ok) {
        set({ error: { area, message: result.error.message } });
        return;
      }
      const status = result.value;
      if (status.signedIn) await enterSignedIn(status);
      else set({ phase: status.managerConfigured ? 'login' : 'setup', username: null, enrolment: null });
    }

    return {
      phase: 'loading',
      username: null,
      error: null,
      notice: null,
      busy: false,
      query: '',
      customers: [],
      selectedId: null,
      consent: null,
      enrolment: null,
      cameras: [],
      preview: null,

      async setUp(username, password) {
        set({ busy: true, error: null, notice: null });
        let result = await client.call('auth.setupManager', { username, password });
        // Whether creating the account also signs in is the core's choice; the manager expects to be in either way.
        if (result.ok && !result.value.signedIn) result = await client.call('auth.login', { username, password });
        await applyAuth(result, 'auth');
        set({ busy: false });
      },
      async signIn(username, password) {
        set({ busy: true, error: null, notice: null });
        const result = await client.call('auth.login', { username, password });
        if (result.ok && !result.value.signedIn) {
          set({ busy: false, error: { area: 'auth', message: 'The user name or password is not right.' } });
          return;
        }
        await applyAuth(result, 'auth');
        set({ busy: false });
      },
      async signOut() {
        const enrolment = get().enrolment;
        if (enrolment) await client.call('enrolment.cancel', { enrolmentId: enrolment.session.enrolmentId });
        const result = await client.call('auth.logout', {});
        set({ enrolment: null, selectedId: null, customers: [], preview: null, notice: null });
        await applyAuth(result, 'session');
      },
      search(query) {
        set({ query });
        window.clearTimeout(searchTimer);
        searchTimer = window.setTimeout(() => void loadCustomers(), options.searchDelayMs);
      },
      async select(customerId) {
        const enrolment = get().enrolment;
        if (enrolment && enrolment.session.customerId !== customerId) {
          // Leaving a half-done enrolment would keep its samples on the core; cancel it explicitly.
          await client.call('enrolment.cancel', { enrolmentId: enrolment.session.enrolmentId });
          set({ enrolment: null });
        }
        set({ selectedId: customerId, error: null, notice: null });
      },
      async startEnrolment(thumbnailAgreed) {
        const { selectedId, consent } = get();
        if (selectedId === null || consent === null) return;
        set({ busy: true, error: null, notice: null });
        const result = await client.call('enrolment.start', {
          customerId: selectedId,
          consentTextVersion: consent.version,
          customerAgreed: true,
          thumbnailAgreed,
        });
        set({ busy: false });
        if (failed(result, 'enrolment') || !result.ok) return;
        const session = result.value;
        set({ enrolment: { session, notes: [], samples: session.samples, required: session.required } });
      },
      async captureSample() {
        const enrolment = get().enrolment;
        if (!enrolment) return;
        set({ busy: true, error: null });
        const result = await client.call('enrolment.captureSample', { enrolmentId: enrolment.session.enrolmentId });
        set({ busy: false });
        if (failed(result, 'enrolment') || !result.ok) return;
        const sample = result.value;
        const current = get().enrolment;
        if (!current || current.session.enrolmentId !== enrolment.session.enrolmentId) return;
        set({
          enrolment: {
            ...current,
            notes: [{ accepted: sample.accepted, message: sample.message }, ...current.notes].slice(0, 8),
            samples: sample.samples,
            required: sample.required,
          },
        });
      },
      async finishEnrolment() {
        const enrolment = get().enrolment;
        if (!enrolment) return;
        set({ busy: true, error: null });
        const result = await client.call('enrolment.finish', { enrolmentId: enrolment.session.enrolmentId });
        set({ busy: false });
        if (failed(result, 'enrolment') || !result.ok) return;
        const customer = result.value;
        set({
          enrolment: null,
          notice: `${customer.firstName} ${customer.lastName} is enrolled and will be greeted from now on.`,
          customers: get().customers.map((c) => (c.id === customer.id ? customer : c)),
        });
        void loadCustomers();
      },
      async cancelEnrolment() {
        const enrolment = get().enrolment;
        if (!enrolment) return;
        set({ enrolment: null, error: null });
        const result = await client.call('enrolment.cancel', { enrolmentId: enrolment.session.enrolmentId });
        if (!failed(result, 'enrolment')) set({ notice: 'Enrolment cancelled; no face data was kept.' });
      },
      async erase(customerId) {
        set({ busy: true, error: null, notice: null });
        const result = await client.call('customers.erase', { customerId });
        set({ busy: false });
        if (failed(result, 'erase') || !result.ok) return false;
        set({
          notice: result.value.erased
            ? 'Face data erased. This customer is no longer recognised.'
            : 'There was no face data to erase.',
        });
        void loadCustomers();
        return true;
      },
      clearMessages() {
        set({ error: null, notice: null });
      },
      async reload() {
        const wasSignedIn = get().phase === 'signedIn';
        const result = await client.call('auth.status', {});
        if (!result.ok) {
          set({ error: { area: 'session', message: result.error.message } });
          return;
        }
        await applyAuth(result, 'session');
        if (wasSignedIn && !result.value.signedIn) {
          set({ error: { area: 'auth', message: 'The connection was interrupted. Please sign in again.' } });
        }
      },
    };
  });

  const stops = [
    client.on('camera.preview', (preview) => {
      if (store.getState().phase === 'signedIn') store.setState({ preview });
    }),
    client.on('camera.status', (status) => {
      store.setState((state) => ({
        cameras: [...state.cameras.filter((c) => c.cameraId !== status.cameraId), status].sort((a, b) =>
          a.cameraId.localeCompare(b.cameraId),
        ),
      }));
    }),
    client.on('customers.changed', () => {
      if (store.getState().phase === 'signedIn') store.getState().search(store.getState().query);
    }),
    onReconnected(client.connection, () => void store.getState().reload()),
  ];
  void store.getState().reload();

  return {
    store,
    dispose() {
      window.clearTimeout(searchTimer);
      for (const stop of stops) stop();
    },
  };
}
