/**
 * One connection to the broker for one configuration: publishes the outbox with QoS 1 (a row is marked sent
 * only in the PUBACK callback), hands incoming messages to `receive`, and reconnects with backoff and jitter.
 * A settings change ends the session and starts a new one; rows in flight then are simply still waiting.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { Logger } from '../logger.js';
import type { WritableDb } from '../store/database.js';
import type { SyncEffects } from './apply-result.js';
import { reconnectDelay, type BackoffOptions } from './backoff.js';
import { WIRE_VERSION, type HealthBody } from './messages.js';
import { markSent, waitingRows, type OutboxRow } from './outbox.js';
import { receive, type ReceiveOutcome } from './receive.js';
import { downSubscriptions, upTopic } from './topics.js';

export type ConnectFn = (url: string, options: IClientOptions) => MqttClient;

export interface SessionOptions {
  /** Most messages published and not yet acknowledged at once. */
  readonly publishWindow: number;
  /** How often the outbox is looked at when nothing else wakes the publisher. */
  readonly pollMs: number;
  readonly backoff: BackoffOptions;
  /** Largest payload accepted from the chain. */
  readonly maxDownBytes: number;
}

export interface SessionDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly storeId: string;
  readonly url: string;
  readonly clientOptions: IClientOptions;
  readonly connect: ConnectFn;
  readonly random: () => number;
  readonly options: SessionOptions;
  /** Something worth showing changed (connection, counts, errors). */
  readonly onChange: () => void;
  readonly onReceived: (outcome: ReceiveOutcome) => void;
  readonly onApplied: (effects: SyncEffects) => void;
}

export type SessionState = 'connecting' | 'connected' | 'offline';

export class SyncSession {
  state: SessionState = 'connecting';
  lastError: string | null = null;
  lastSentAt: number | null = null;
  reconnects = 0;
  /** How many times this session connected (1 after the first connection). */
  connections = 0;
  /** Messages published and acknowledged in this session. */
  acknowledged = 0;

  private readonly client: MqttClient;
  private readonly inFlight = new Set<number>();
  private acked: number[] = [];
  private flushScheduled = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly pollTimer: NodeJS.Timeout;
  private ended = false;

  constructor(private readonly deps: SessionDeps) {
    this.client = deps.connect(deps.url, deps.clientOptions);
    this.client.on('connect', () => this.connected());
    this.client.on('close', () => this.closed());
    this.client.on('error', (error) => this.failed(error));
    this.client.on('message', (topic, payload) => this.message(topic, payload));
    this.pollTimer = setInterval(() => this.pump(), deps.options.pollMs);
    this.pollTimer.unref();
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Publishes one message directly (health), when connected; never queued. */
  publishNow(kind: 'health', body: HealthBody): void {
    if (this.state !== 'connected') return;
    const id = `health-${this.deps.clock.now()}`;
    const payload = JSON.stringify({
      v: WIRE_VERSION,
      id,
      kind,
      storeId: this.deps.storeId,
      at: isoAt(this.deps.clock.now()),
      body,
    });
    // Retained: the chain sees the last health of every store, even one that went away.
    this.client.publish(upTopic(this.deps.storeId, kind), payload, { qos: 1, retain: true }, (error) => {
      if (error) this.deps.logger.debug('health not published', { error: error.message });
    });
  }

  /** Wakes the publisher (a local change was queued). */
  nudge(): void {
    this.pump();
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.flushAcks();
    await new Promise<void>((resolve) => this.client.end(true, {}, () => resolve()));
  }

  private connected(): void {
    this.state = 'connected';
    this.connections += 1;
    this.attempt = 0;
    this.lastError = null;
    this.deps.logger.info('connected to the broker', { url: this.deps.url });
    this.client.subscribe(downSubscriptions(this.deps.storeId), { qos: 1 }, (error) => {
      if (error) this.failed(error);
    });
    this.deps.onChange();
    this.pump();
  }

  private closed(): void {
    if (this.ended) return;
    const wasConnected = this.state === 'connected';
    this.state = 'offline';
    if (wasConnected) this.deps.logger.warn('lost the broker', { url: this.deps.url });
    this.deps.onChange();
    if (this.reconnectTimer) return;
    const delay = reconnectDelay(this.attempt, this.deps.options.backoff, this.deps.random);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.ended) return;
      this.reconnects += 1;
      this.state = 'connecting';
      this.client.reconnect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private failed(error: Error): void {
    const message = `${error.message}`.slice(0, 300);
    if (message !== this.lastError) this.deps.logger.warn('broker error', { error: message });
    this.lastError = message;
    this.deps.onChange();
  }

  private message(topic: string, payload: Buffer): void {
    // Runs before MQTT.js sends the PUBACK (it acknowledges after this listener returns), and `receive` commits
    // synchronously: a message is acknowledged only once its effect is in the database.
    const outcome = receive(
      {
        db: this.deps.db,
        clock: this.deps.clock,
        logger: this.deps.logger,
        storeId: this.deps.storeId,
        maxBytes: this.deps.options.maxDownBytes,
      },
      topic,
      payload,
    );
    this.deps.onReceived(outcome);
    try {
      this.deps.onApplied(outcome.effects);
    } catch (error) {
      this.deps.logger.error('refreshing after a sync message failed', { error: String(error) });
    }
  }

  private pump(): void {
    if (this.ended || this.state !== 'connected') return;
    const room = this.deps.options.publishWindow - this.inFlight.size;
    if (room <= 0) return;
    const rows = waitingRows(this.deps.db, room + this.inFlight.size).filter((row) => !this.inFlight.has(row.seq));
    for (const row of rows.slice(0, room)) this.publish(row);
  }

  private publish(row: OutboxRow): void {
    this.inFlight.add(row.seq);
    // The body is stored as JSON text; the envelope is written around it without parsing it again.
    const payload =
      `{"v":${WIRE_VERSION},"id":${JSON.stringify(row.id)},"kind":${JSON.stringify(row.kind)},` +
      `"storeId":${JSON.stringify(this.deps.storeId)},"at":${JSON.stringify(row.createdAt)},"body":${row.body}}`;
    this.client.publish(upTopic(this.deps.storeId, row.kind), payload, { qos: 1 }, (error) => {
      this.inFlight.delete(row.seq);
      if (error) {
        // Still waiting in the outbox: the next pump publishes it again.
        this.failed(error);
        return;
      }
      this.acked.push(row.seq);
      this.scheduleFlush();
    });
  }

  /** Acknowledgements are written in batches: one transaction per burst instead of one per message. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushAcks();
      this.deps.onChange();
      this.pump();
    });
  }

  private flushAcks(): void {
    if (this.acked.length === 0) return;
    const batch = this.acked;
    this.acked = [];
    try {
      markSent(this.deps.db, batch, this.deps.clock.now());
      this.acknowledged += batch.length;
      this.lastSentAt = this.deps.clock.now();
    } catch (error) {
      // Not marked: they will be sent again, and the chain drops the repeats by id.
      this.deps.logger.error('could not mark messages sent', { error: String(error) });
    }
  }
}
