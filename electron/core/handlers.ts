/**
 * The command handlers: one per contract command, each a few lines over the services. Access and payload
 * validation already happened in the dispatcher; manager-only commands check the connection's sign-in here.
 */
import type { Handlers } from '../contract/dispatch.js';
import type { AppInfo, AuthStatus } from '../contract/dto.js';
import { CommandError } from '../contract/result.js';
import type { Clock } from './clock.js';
import { currentConsentText } from './domain/consent-text.js';
import type { EventHub } from './event-hub.js';
import type { Gallery } from './matching/gallery.js';
import type { RecognitionPipeline } from './recognition/recognition-pipeline.js';
import type { CameraRunner } from './runtime/camera-runner.js';
import { dismissAlert, listAlerts } from './services/alerts.js';
import type { DisplayService } from './services/display-service.js';
import type { EnrolmentService } from './services/enrolment-service.js';
import type { SignIns } from './services/sign-ins.js';
import { appendAudit } from './store/audit.js';
import { customerSummary, listCustomers } from './store/customers.js';
import type { WritableDb } from './store/database.js';
import { eraseCustomerBiometrics } from './store/erasure.js';
import { advanceOrder, listOpenOrders } from './store/orders.js';
import { createManager, managerConfigured, signIn } from './store/users.js';

export interface HandlerDeps {
  readonly info: AppInfo;
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly signIns: SignIns;
  readonly display: DisplayService;
  /** Null until the face models have loaded. */
  readonly vision: () => { enrolment: EnrolmentService; pipeline: RecognitionPipeline; gallery: Gallery } | null;
  readonly camera: () => CameraRunner | null;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, clock, events, signIns, display } = deps;

  const authStatus = (connectionId: string): AuthStatus => {
    const user = signIns.current(connectionId);
    return { managerConfigured: managerConfigured(db), signedIn: user !== null, username: user?.username ?? null };
  };

  const vision = () => {
    const ready = deps.vision();
    if (!ready) throw new CommandError('unavailable', 'The face models are still loading; try again in a few seconds.');
    return ready;
  };

  const publishOrders = (): void => {
    events.emit('orders.changed', listOpenOrders(db));
    events.emit('alerts.changed', listAlerts(db, clock));
  };

  return {
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
      return listCustomers(db, input.query === undefined ? {} : { query: input.query });
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
    'orders.advance': (input) => {
      const order = advanceOrder(db, clock, input.orderId, input.to, input.clerk);
      display.orderChanged(order);
      publishOrders();
      return order;
    },
    'alerts.list': () => listAlerts(db, clock),
    'alerts.dismiss': (input) => {
      dismissAlert(db, clock, input.visitId);
      events.emit('alerts.changed', listAlerts(db, clock));
      return {};
    },

    'display.current': () => display.current(),

    'camera.status': () => {
      const camera = deps.camera();
      return camera ? [camera.status()] : [];
    },
    'camera.pushFrame': (input) => {
      const camera = deps.camera();
      if (!camera) return { accepted: false };
      return { accepted: camera.push(Buffer.from(input.jpeg.buffer, input.jpeg.byteOffset, input.jpeg.byteLength)) };
    },
    'camera.reportError': (input) => {
      deps.camera()?.reportError(input.message);
      return {};
    },
  };
}
