/**
 * What the customer display shows: the idle loop of store offers, or a greeting for the customer just
 * recognised, which returns to idle after a while. Order status on the greeting follows the order live.
 */
import type { DisplayState, Order } from '../../contract/dto.js';
import type { Clock } from '../clock.js';
import { idleOffers, recommendOffers } from '../domain/offers.js';
import type { EventHub } from '../event-hub.js';
import type { ReadableDb } from '../store/database.js';

export interface DisplayOptions {
  /** How long a greeting stays before the display returns to its idle loop. */
  readonly greetingMs: number;
  /** Offers on a greeting. */
  readonly personalOffers: number;
  /** Offers in the idle loop. */
  readonly idleOffers: number;
}

export const DEFAULT_DISPLAY: DisplayOptions = { greetingMs: 20_000, personalOffers: 3, idleOffers: 8 };

export interface Greeting {
  readonly visitId: number;
  readonly customerId: string;
  readonly firstName: string;
  readonly order: Order | null;
}

export class DisplayService {
  private state: DisplayState;
  private greetingCustomer: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: ReadableDb,
    private readonly clock: Clock,
    private readonly events: EventHub,
    private readonly options: DisplayOptions = DEFAULT_DISPLAY,
  ) {
    this.state = this.idleState();
  }

  current(): DisplayState {
    return this.state;
  }

  greet(greeting: Greeting): void {
    const offers = recommendOffers(this.db, greeting.customerId, {
      now: this.clock.now(),
      k: this.options.personalOffers,
    });
    this.greetingCustomer = greeting.customerId;
    this.set({
      kind: 'greeting',
      visitId: greeting.visitId,
      firstName: greeting.firstName,
      order: greeting.order ? { number: greeting.order.number, status: greeting.order.status } : null,
      offers,
    });
    this.clearTimer();
    this.timer = setTimeout(() => this.showIdle(), this.options.greetingMs);
    this.timer.unref();
  }

  /** An order moved: if the greeting on screen shows it, show the new status. */
  orderChanged(order: Order): void {
    if (this.state.kind !== 'greeting' || this.state.order?.number !== order.number) return;
    this.set({ ...this.state, order: { number: order.number, status: order.status } });
  }

  /** A customer's data was erased: never leave their greeting on screen. */
  customerErased(customerId: string): void {
    if (this.greetingCustomer === customerId) this.showIdle();
  }

  showIdle(): void {
    this.clearTimer();
    this.greetingCustomer = null;
    this.set(this.idleState());
  }

  close(): void {
    this.clearTimer();
  }

  private idleState(): DisplayState {
    return { kind: 'idle', offers: idleOffers(this.db, { now: this.clock.now(), k: this.options.idleOffers }) };
  }

  private set(state: DisplayState): void {
    this.state = state;
    this.events.emit('display.changed', state);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
