/**
 * The command handlers: one per contract command, each a few lines over the services. Access and payload
 * validation already happened in the dispatcher; manager-only commands check the connection's sign-in here.
 */
import type { Caller, Handlers } from '../contract/dispatch.js';
import type { PickupBoard } from './board/pickup-board.js';
import type { AppInfo, AuthStatus } from '../contract/dto.js';
import { CommandError } from '../contract/result.js';
import type { Clock } from './clock.js';
import { currentConsentText } from './domain/consent-text.js';
import type { AdminCommand } from './admin/admin-handlers.js';
import type { DesktopCommand } from './desktop/desktop-handlers.js';
import type { SyncCommand } from './sync/sync-handlers.js';
import type { EventHub } from './event-hub.js';
import type { Gallery } from './matching/gallery.js';
import type { RecognitionPipeline } from './recognition/recognition-pipeline.js';
import type { RecognitionCommand } from './recognition/recognition-handlers.js';
import { createCameraHandlers } from './runtime/camera-handlers.js';
import type { CameraManager } from './runtime/camera-manager.js';
import { listAlerts } from './services/alerts.js';
import type { DisplayService } from './services/display-service.js';
import type { EnrolmentService } from './services/enrolment-service.js';
import type { SignIns } from './services/sign-ins.js';
import { appendAudit } from './store/audit.js';
import { customerSummary, listCustomers } from './store/customers.js';
import type { WritableDb } from './store/database.js';
import { eraseCustomerBiometrics } from './store/erasure.js';
import { markReenrolment } from './store/reenrolment.js';
import { listOpenOrders } from './store/orders.js';
import { createManager, managerConfigured, signIn } from './store/users.js';

export interface HandlerDeps {
  readonly info: AppInfo;
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly signIns: SignIns;
  readonly display: DisplayService;
  readonly board: PickupBoard;
  /** Null until the face models have loaded. */
  readonly vision: () => {
    enrolment: EnrolmentService;
    pipeline: RecognitionPipeline;
    gallery: Gallery;
    engine: { readonly modelId: string };
  } | null;
  /** The store's cameras (electron/core/runtime/camera-manager.ts). */
  readonly cameras: CameraManager;
  /** The desktop product's commands (electron/core/desktop/desktop-handlers.ts). */
  readonly desktop: Pick<Handlers, DesktopCommand>;
  /** Sync with the chain (electron/core/sync/sync-handlers.ts). */
  readonly sync: Pick<Handlers, SyncCommand>;
  /** The manager's controls and privacy commands (electron/core/admin/admin-handlers.ts). */
  readonly admin: Pick<Handlers, AdminCommand>;
  /** "Not this person" and the vision counters (electron/core/recognition/recognition-handlers.ts). */
  readonly recognition: Pick<Handlers, RecognitionCommand>;
  /** After an erasure committed: reach copies outside the database (the cloud collection). */
  readonly onErased?: (customerId: string) => void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, clock, events, signIns, display, board } = deps;

  const authStatus = (connectionId: string): AuthStatus => {
    const user = signIns.current(connectionId);
    return { managerConfigured: managerConfigured(db), signedIn: user !== null, username: user?.username ?? null };
  };

  /** A clerk signed in on this window is who acts, whatever name was typed; otherwise the typed name. */
  const clerkName = (typed: string, caller: Caller): string => signIns.current(caller.connectionId)?.username ?? typed;

  const vision = () => {
    const ready = deps.vision();
    if (!ready) throw new CommandError('unavailable', 'The face models are still loading; try again in a few seconds.');
    return ready;
  };

  return {
    ...deps.desktop,
    ...deps.sync,
    ...deps.admin,
    ...deps.recognition,
    'app.info': () => deps.info,

    'auth.status': (_input, caller) => authStatus(caller.connectionId),
    'auth.setupManager': async (input, caller) => {
      const user = await createManager(db, clock, input.username, input.password);
      appendAudit(db, clock, { actor: user.username, action: 'auth.setupManager' });
      signIns.signIn(caller.connectionId, { userId: user.id, username: user.username, role: 'manager' });
      return authStatus(caller.connectionId);
    },
    'auth.login': async (input, caller) => {
      const user = await signIn(db, clock, input.username, input.password);
      if (user.role !== 'manager') throw new CommandError('forbidden', 'Only a manager can use the admin window.');
      signIns.signIn(caller.connectionId, { userId: user.id, username: user.username, role: user.role });
      return authStatus(caller.connectionId);
    },
    'auth.logout': (_input, caller) => {
      signIns.signOut(caller.connectionId);
      return authStatus(caller.connectionId);
    },

    'customers.list': (input, caller) => {
      signIns.requireManager(caller);
      const customers = listCustomers(db, input.query === undefined ? {} : { query: input.query });
      // Flagged against the running face model: enrolled with another one only means not recognised.
      return markReenrolment(db, customers, deps.vision()?.engine.modelId ?? null);
    },
    'customers.erase': (input, caller) => {
      const manager = signIns.requireManager(caller);
      if (!customerSummary(db, input.customerId)) throw new CommandError('not_found', 'There is no such customer.');
      eraseCustomerBiometrics(db, clock, input.customerId, manager.username);
      // The database is the truth; the in-memory gallery and tracks follow the commit.
      const loaded = deps.vision();
      loaded?.gallery.removePerson(input.customerId);
      loaded?.pipeline.forget(input.customerId);
      display.customerErased(input.customerId);
      deps.onErased?.(input.customerId);
      events.emit('customers.changed', {});
      events.emit('alerts.changed', listAlerts(db, clock));
      return { erased: true };
    },
    'consent.text': (_input, caller) => {
      signIns.requireManager(caller);
      return currentConsentText();
    },

    'enrolment.start': (input, caller) => {
      const manager = signIns.requireManager(caller);
      return vision().enrolment.start(input, manager.username);
    },
    'enrolment.captureSample': (input, caller) => {
      signIns.requireManager(caller);
      return vision().enrolment.captureSample(input.enrolmentId);
    },
    'enrolment.finish': (input, caller) => {
      signIns.requireManager(caller);
      const summary = vision().enrolment.finish(input.enrolmentId);
      events.emit('customers.changed', {});
      return summary;
    },
    'enrolment.cancel': (input, caller) => {
      signIns.requireManager(caller);
      return { cancelled: vision().enrolment.cancel(input.enrolmentId) };
    },

    'orders.listOpen': () => listOpenOrders(db),
    'orders.advance': (input, caller) => board.bump(input.orderId, input.to, clerkName(input.clerk, caller)),
    'orders.recall': (input, caller) => board.recall(input.orderId, input.from, clerkName(input.clerk, caller)),
    'alerts.list': () => listAlerts(db, clock),
    'alerts.dismiss': (input, caller) => {
      board.dismiss(input.visitId, input.clerk === undefined ? null : clerkName(input.clerk, caller));
      return {};
    },
    'alerts.confirm': (input, caller) => board.confirm(input.visitId, input.confirmed, clerkName(input.clerk, caller)),
    'board.history': () => board.history(),
    'board.config': () => board.config(),
    'board.saveConfig': (input, caller) => board.saveConfig(input, signIns.requireManager(caller).username),

    'display.current': () => display.current(),

    ...createCameraHandlers({ db, clock, signIns, cameras: deps.cameras }),
  };
}
