/**
 * What the customer display shows: the idle loop (store offers and the campaigns whose schedule is live), a
 * neutral welcome, or a personal greeting for the customer just recognised. Order status on the greeting follows
 * the order live.
 *
 * Privacy rules, decided here and nowhere else:
 * - nothing personal while a clerk has not confirmed the match (when the store asks for confirmation);
 * - nothing personal while anyone else is in front of the same camera (a neutral welcome instead; the greeting
 *   comes back when they leave);
 * - back to idle when the customer's track ends, when the match is rejected, or after `greetingMs`.
 * A state equal to the one on screen is not sent again, so a schedule check never makes the screen flicker.
 */
import type { DisplayState, Offer, Order, OrderStatus } from '../../contract/dto.js';
import { liveCampaignSlides } from '../board/campaigns.js';
import { systemTimeZone } from '../board/local-time.js';
import type { Presence, TrackUpdate } from '../board/presence.js';
import type { Clock } from '../clock.js';
import { idleOffers, recommendOffers } from '../domain/offers.js';
import { OfferEngine } from '../offers/engine.js';
import type { EventHub } from '../event-hub.js';
import type { ReadableDb } from '../store/database.js';

export interface DisplayOptions {
  /** How long a greeting stays (from arrival, and again from the clerk's confirmation) before idle returns. */
  readonly greetingMs: number;
  /** Offers on a greeting. */
  readonly personalOffers: number;
  /** Offers in the idle loop. */
  readonly idleOffers: number;
  /** How often the idle loop's schedule is checked (day-parting boundaries, campaigns written by sync). */
  readonly scheduleCheckMs: number;
}

export const DEFAULT_DISPLAY: DisplayOptions = {
  greetingMs: 20_000,
  personalOffers: 3,
  idleOffers: 8,
  scheduleCheckMs: 30_000,
};

export interface Greeting {
  readonly visitId: number;
  readonly customerId: string;
  readonly firstName: string;
  readonly order: Order | null;
  /** The camera and track that recognised the customer (null when not known: nothing to follow). */
  readonly cameraId: string | null;
  readonly trackId: number | null;
  /** False while the match waits for a clerk's "yes". */
  readonly confirmed: boolean;
}

export interface DisplayDeps {
  /** Who is in view per camera; without it the two-people rule cannot be checked and greetings only time out. */
  readonly presence?: Presence;
  /** The store's time zone for day-parting (the machine's by default). */
  readonly timeZone?: () => string;
}

interface Subject {
  readonly visitId: number;
  readonly customerId: string;
  readonly firstName: string;
  readonly order: { number: number; status: OrderStatus } | null;
  readonly offers: Offer[];
  readonly cameraId: string | null;
  readonly trackId: number | null;
  readonly confirmed: boolean;
}

export class DisplayService {
  private readonly offerEngine: OfferEngine;
  private state: DisplayState;
  private stateJson: string;
  private idle: DisplayState;
  private subject: Subject | null = null;
  private greetingTimer: NodeJS.Timeout | null = null;
  private readonly scheduleTimer: NodeJS.Timeout;
  private readonly stopPresence: () => void;

  constructor(
    private readonly db: ReadableDb,
    private readonly clock: Clock,
    private readonly events: EventHub,
    private readonly options: DisplayOptions = DEFAULT_DISPLAY,
    private readonly deps: DisplayDeps = {},
  ) {
    // One engine for the display's lifetime: it builds its store-wide model once and rebuilds it only when the
    // purchases change, instead of on every greeting and every idle refresh.
    this.offerEngine = new OfferEngine(db);
    this.idle = this.idleState();
    this.state = this.idle;
    this.stateJson = JSON.stringify(this.state);
    this.scheduleTimer = setInterval(() => this.refreshIdle(), options.scheduleCheckMs);
    this.scheduleTimer.unref();
    this.stopPresence = deps.presence?.onChange((cameraId, update) => this.presenceChanged(cameraId, update)) ?? noop;
  }

  current(): DisplayState {
    return this.state;
  }

  /** A customer was recognised (a new visit or the same visit again). */
  greet(greeting: Greeting): void {
    const offers = recommendOffers(this.db, greeting.customerId, {
      engine: this.offerEngine,
      now: this.clock.now(),
      k: this.options.personalOffers,
    });
    this.subject = {
      visitId: greeting.visitId,
      customerId: greeting.customerId,
      firstName: greeting.firstName,
      order: greeting.order ? { number: greeting.order.number, status: greeting.order.status } : null,
      offers,
      cameraId: greeting.cameraId,
      trackId: greeting.trackId,
      confirmed: greeting.confirmed,
    };
    this.startGreetingTimer();
    this.render();
  }

  /** A clerk said "yes, that is her": the greeting may become personal (and gets its full time on screen). */
  matchConfirmed(visitId: number): void {
    if (this.subject?.visitId !== visitId || this.subject.confirmed) return;
    this.subject = { ...this.subject, confirmed: true };
    this.startGreetingTimer();
    this.render();
  }

  /** A clerk said "not her": nothing about that customer stays on screen. */
  matchRejected(visitId: number): void {
    if (this.subject?.visitId === visitId) this.showIdle();
  }

  /** An order moved: if the greeting on screen shows it, show the new status. */
  orderChanged(order: Order): void {
    const subject = this.subject;
    if (subject?.order?.number !== order.number) return;
    this.subject = { ...subject, order: { number: order.number, status: order.status } };
    this.render();
  }

  /** A customer's data was erased: never leave their greeting on screen. */
  customerErased(customerId: string): void {
    if (this.subject?.customerId === customerId) this.showIdle();
  }

  showIdle(): void {
    this.clearGreetingTimer();
    this.subject = null;
    this.render();
  }

  /**
   * Re-reads the idle loop (live campaigns, store offers). Runs on a timer; the sync helper may call it right
   * after writing campaigns. Sends nothing when nothing changed.
   */
  refreshIdle(): void {
    this.idle = this.idleState();
    this.render();
  }

  close(): void {
    this.clearGreetingTimer();
    clearInterval(this.scheduleTimer);
    this.stopPresence();
  }

  private presenceChanged(cameraId: string, update: TrackUpdate): void {
    const subject = this.subject;
    if (!subject || subject.cameraId !== cameraId) return;
    if (subject.trackId !== null && update.ended.includes(subject.trackId)) {
      this.showIdle();
      return;
    }
    this.render();
  }

  /** Someone other than the subject is in front of the subject's camera. */
  private othersInView(subject: Subject): boolean {
    const presence = this.deps.presence;
    if (!presence || subject.cameraId === null || !presence.knows(subject.cameraId)) return false;
    const own = subject.trackId !== null && presence.has(subject.cameraId, subject.trackId) ? 1 : 0;
    return presence.count(subject.cameraId) - own > 0;
  }

  private desired(): DisplayState {
    const subject = this.subject;
    if (!subject) return this.idle;
    if (!subject.confirmed || this.othersInView(subject)) return { kind: 'welcome' };
    return {
      kind: 'greeting',
      visitId: subject.visitId,
      firstName: subject.firstName,
      order: subject.order,
      offers: subject.offers,
    };
  }

  private render(): void {
    const next = this.desired();
    const json = JSON.stringify(next);
    if (json === this.stateJson) return;
    this.state = next;
    this.stateJson = json;
    this.events.emit('display.changed', next);
  }

  private idleState(): DisplayState {
    const now = this.clock.now();
    const zone = this.deps.timeZone?.() ?? systemTimeZone();
    return {
      kind: 'idle',
      offers: idleOffers(this.db, { engine: this.offerEngine, now, k: this.options.idleOffers }),
      campaigns: liveCampaignSlides(this.db, now, zone),
    };
  }

  private startGreetingTimer(): void {
    this.clearGreetingTimer();
    this.greetingTimer = setTimeout(() => this.showIdle(), this.options.greetingMs);
    this.greetingTimer.unref();
  }

  private clearGreetingTimer(): void {
    if (this.greetingTimer) clearTimeout(this.greetingTimer);
    this.greetingTimer = null;
  }
}

function noop(): void {}
