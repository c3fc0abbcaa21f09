/**
 * A small store for the board's tests: a real SQLite file with two consenting customers, products, an open
 * order, and the board's services wired as create-core wires them (events recorded). Not used by production code.
 */
import type { EventName } from '../../contract/access.js';
import type { DisplayState, PickupAlert } from '../../contract/dto.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { EventHub } from '../event-hub.js';
import { memoryLogger } from '../logger.js';
import { Arrivals } from '../services/arrivals.js';
import { DEFAULT_DISPLAY, DisplayService, type DisplayOptions } from '../services/display-service.js';
import { recordConsent } from '../store/consents.js';
import { createCustomer } from '../store/customers.js';
import { createOrder } from '../store/orders.js';
import { addProduct } from '../store/products.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { PickupBoard } from './pickup-board.js';
import { Presence } from './presence.js';

export interface BoardFixture extends TestStore {
  readonly events: { event: EventName; payload: unknown }[];
  readonly presence: Presence;
  readonly display: DisplayService;
  readonly arrivals: Arrivals;
  readonly board: PickupBoard;
  /** Anna's open order (preparing). */
  readonly orderId: number;
  readonly orderNumber: number;
  /** The display states sent, in order. */
  displays(): DisplayState[];
  lastAlerts(): PickupAlert[] | undefined;
  close(): void;
}

export function openBoardFixture(options: { display?: Partial<DisplayOptions>; start?: string } = {}): BoardFixture {
  const store = openTestStore(options.start ?? '2026-11-20T09:30:00.000Z');
  const { db, clock } = store;
  createCustomer(db, clock, { id: 'anna', firstName: 'Anna', lastName: 'Karlsson', email: 'anna@example.com' });
  createCustomer(db, clock, { id: 'ben', firstName: 'Ben', lastName: 'Okafor', email: 'ben@example.com' });
  for (const id of ['anna', 'ben']) {
    recordConsent(db, clock, {
      customerId: id,
      textVersion: CURRENT_CONSENT_VERSION,
      recordedBy: 'maria',
      thumbnailAgreed: false,
    });
  }
  addProduct(db, { id: 'oat-milk', name: 'Oat milk', category: 'dairy', priceCents: 229, imageSvg: '<svg/>' });
  addProduct(db, {
    id: 'croissant',
    name: 'Croissant',
    category: 'bakery',
    priceCents: 180,
    imageSvg: '<svg/>',
    promoted: true,
  });
  const order = createOrder(db, clock, {
    customerId: 'anna',
    items: [{ productId: 'oat-milk', quantity: 2 }],
    actor: 'online shop',
  });

  const logger = memoryLogger();
  const events: { event: EventName; payload: unknown }[] = [];
  const hub = new EventHub(logger);
  hub.on((event, payload) => events.push({ event, payload }));
  const presence = new Presence();
  const display = new DisplayService(
    db,
    clock,
    hub,
    { ...DEFAULT_DISPLAY, ...options.display },
    { presence, timeZone: () => 'Europe/London' },
  );
  const arrivals = new Arrivals(db, clock, hub, display, logger);
  const board = new PickupBoard({
    db,
    clock,
    events: hub,
    display,
    logger,
    trackOf: (visitId) => arrivals.trackOf(visitId),
  });
  return {
    ...store,
    events,
    presence,
    display,
    arrivals,
    board,
    orderId: order.id,
    orderNumber: order.number,
    displays: () => events.filter((e) => e.event === 'display.changed').map((e) => e.payload as DisplayState),
    lastAlerts: () => events.filter((e) => e.event === 'alerts.changed').at(-1)?.payload as PickupAlert[] | undefined,
    close: () => {
      display.close();
      store.close();
    },
  };
}
