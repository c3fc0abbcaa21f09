/**
 * The sync with the chain as the core sees it: starts a session when a broker is configured (and none
 * otherwise: the kiosk works offline), restarts it when the manager changes the settings, queues the finished
 * footfall hours, publishes device health, prunes old rows and reports its health to the windows.
 */
import mqtt from 'mqtt';
import type { CameraStatus } from '../../contract/dto.js';
import type { SyncSettingsInput, SyncSettingsView, SyncStatus } from '../../contract/sync-dto.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { Logger } from '../logger.js';
import type { WritableDb } from '../store/database.js';
import type { SyncEffects } from './apply-result.js';
import { DEFAULT_BACKOFF } from './backoff.js';
import { queueFinishedHours } from './footfall-up.js';
import { pruneInbox, quarantineCount } from './inbox.js';
import type { HealthBody } from './messages.js';
import { clientOptions } from './mqtt-options.js';
import { outboxStats, pruneSent } from './outbox.js';
import { MAX_DOWN_BYTES, type ReceiveOutcome } from './receive.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { SyncSession, type ConnectFn, type SessionOptions } from './session.js';
import { getSyncString, setSyncState } from './sync-state.js';
import {
  brokerConfig,
  safeBrokerLabel,
  saveSettings,
  settingsView,
  storedBroker,
  syncStoreId,
} from './sync-settings.js';
import { upTopic } from './topics.js';

export interface SyncOptions extends SessionOptions {
  /** How often device health is published while connected. */
  readonly healthEveryMs: number;
  /** How often finished footfall hours are queued and old rows pruned. */
  readonly maintenanceEveryMs: number;
  /** Acknowledged outbox rows are kept this long (for support), then deleted. */
  readonly keepSentMs: number;
  /** Ids of handled messages are remembered this long (longer than a broker keeps a message). */
  readonly keepInboxMs: number;
  /** Status events are sent at most this often. */
  readonly statusThrottleMs: number;
}

const DAY = 24 * 3600 * 1000;

export const DEFAULT_SYNC: SyncOptions = {
  publishWindow: 100,
  pollMs: 500,
  backoff: DEFAULT_BACKOFF,
  maxDownBytes: MAX_DOWN_BYTES,
  healthEveryMs: 60_000,
  maintenanceEveryMs: 60_000,
  keepSentMs: 7 * DAY,
  keepInboxMs: 30 * DAY,
  statusThrottleMs: 500,
};

export interface SyncDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretStore;
  readonly version: string;
  readonly cameras: () => readonly CameraStatus[];
  readonly onStatus: (status: SyncStatus) => void;
  /** After a message from the chain committed: what the rest of the core must refresh. */
  readonly onApplied: (effects: SyncEffects) => void;
  readonly options?: Partial<SyncOptions>;
  readonly random?: () => number;
  readonly connect?: ConnectFn;
}

const LAST_SENT = 'lastSentAt';
const LAST_RECEIVED = 'lastReceivedAt';

export class SyncService {
  private session: SyncSession | null = null;
  private readonly options: SyncOptions;
  private lastReceivedAt: number | null = null;
  private lastConfigError: string | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private healthForConnection = 0;
  /** Serialises start/stop/settings changes. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SyncDeps) {
    this.options = { ...DEFAULT_SYNC, ...deps.options };
  }

  start(): Promise<void> {
    return this.serial(async () => {
      this.stopped = false;
      this.every(this.options.maintenanceEveryMs, () => this.maintain());
      this.every(this.options.healthEveryMs, () => this.publishHealth());
      this.maintain();
      await this.openSession();
    });
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      this.stopped = true;
      for (const timer of this.timers) clearInterval(timer);
      this.timers = [];
      if (this.statusTimer) clearTimeout(this.statusTimer);
      this.statusTimer = null;
      await this.closeSession();
    });
  }

  settings(): Promise<SyncSettingsView> {
    return settingsView(this.deps.db, this.deps.secrets);
  }

  updateSettings(input: SyncSettingsInput): Promise<SyncSettingsView> {
    return this.serial(async () => {
      await saveSettings(this.deps.db, this.deps.secrets, input);
      this.deps.logger.info('sync settings changed', {
        storeId: input.storeId,
        broker: input.brokerUrl === '' ? null : safeBrokerLabel(input.brokerUrl),
      });
      await this.closeSession();
      if (!this.stopped) await this.openSession();
      this.emitStatus();
    }).then(() => this.settings());
  }

  /** Wakes the publisher after a local change was queued (it also polls, so this is only a shortcut). */
  nudge(): void {
    this.session?.nudge();
  }

  status(): SyncStatus {
    const { db } = this.deps;
    const broker = storedBroker(db);
    const stats = outboxStats(db);
    const session = this.session;
    const sent = session?.lastSentAt ?? null;
    return {
      state: broker === null ? 'off' : (session?.state ?? 'offline'),
      storeId: syncStoreId(db),
      broker: broker === null ? null : safeBrokerLabel(broker.url),
      waiting: stats.waiting,
      oldestWaitingAt: stats.oldestWaitingAt,
      lastSentAt: sent !== null ? isoAt(sent) : getSyncString(db, LAST_SENT),
      lastReceivedAt: this.lastReceivedAt !== null ? isoAt(this.lastReceivedAt) : getSyncString(db, LAST_RECEIVED),
      quarantined: quarantineCount(db),
      lastError: session?.lastError ?? this.lastConfigError,
      reconnects: session?.reconnects ?? 0,
    };
  }

  private async openSession(): Promise<void> {
    const { db, secrets, logger } = this.deps;
    this.lastConfigError = null;
    let config;
    try {
      config = await brokerConfig(db, secrets);
    } catch (error) {
      this.lastConfigError = error instanceof Error ? error.message : String(error);
      logger.error('cannot read the sync settings', { error: this.lastConfigError });
      return;
    }
    if (config === null) {
      logger.info('sync is off: no broker is configured');
      this.emitStatus();
      return;
    }
    const storeId = syncStoreId(db);
    const will = JSON.stringify({
      v: 1,
      id: `will-${this.deps.clock.now()}`,
      kind: 'health',
      storeId,
      at: isoAt(this.deps.clock.now()),
      body: this.healthBody(false),
    });
    this.session = new SyncSession({
      db,
      clock: this.deps.clock,
      logger,
      storeId,
      url: config.url,
      clientOptions: clientOptions(config, storeId, { topic: upTopic(storeId, 'health'), payload: will }),
      connect: this.deps.connect ?? ((url, options) => mqtt.connect(url, options)),
      random: this.deps.random ?? Math.random,
      options: this.options,
      onChange: () => {
        // Health goes out once per connection right away (then every healthEveryMs), replacing the retained will.
        const current = this.session;
        if (current?.state === 'connected' && this.healthForConnection !== current.connections) {
          this.healthForConnection = current.connections;
          this.publishHealth();
        }
        this.emitStatus();
      },
      onReceived: (outcome) => this.received(outcome),
      onApplied: (effects) => this.deps.onApplied(effects),
    });
    this.healthForConnection = 0;
    this.emitStatus();
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (!session) return;
    this.persistTimes(session);
    await session.end();
  }

  private received(outcome: ReceiveOutcome): void {
    this.lastReceivedAt = this.deps.clock.now();
    if (outcome.status === 'quarantined')
      this.deps.logger.warn('a message from the chain was quarantined', { kind: outcome.kind });
    this.emitStatus();
  }

  private healthBody(online: boolean): HealthBody {
    const stats = outboxStats(this.deps.db);
    const sent = this.session?.lastSentAt ?? null;
    return {
      online,
      cameras: this.deps.cameras().map((camera) => ({
        cameraId: camera.cameraId,
        state: camera.state,
        fpsIn: Number(camera.fpsIn.toFixed(2)),
        fpsAnalysed: Number(camera.fpsAnalysed.toFixed(2)),
        lastError: camera.lastError,
      })),
      queue: { waiting: stats.waiting, oldestWaitingAt: stats.oldestWaitingAt },
      lastSyncAt: sent !== null ? isoAt(sent) : null,
      version: this.deps.version,
    };
  }

  private publishHealth(): void {
    const session = this.session;
    if (!session || session.state !== 'connected') return;
    session.publishNow('health', this.healthBody(true));
  }

  private maintain(): void {
    const { db, clock, logger } = this.deps;
    try {
      queueFinishedHours(db, clock);
      pruneSent(db, clock.now() - this.options.keepSentMs);
      pruneInbox(db, clock.now() - this.options.keepInboxMs);
      if (this.session) this.persistTimes(this.session);
    } catch (error) {
      logger.error('sync maintenance failed', { error: String(error) });
    }
  }

  private persistTimes(session: SyncSession): void {
    if (session.lastSentAt !== null) setSyncState(this.deps.db, LAST_SENT, isoAt(session.lastSentAt));
    if (this.lastReceivedAt !== null) setSyncState(this.deps.db, LAST_RECEIVED, isoAt(this.lastReceivedAt));
  }

  private emitStatus(): void {
    if (this.statusTimer || this.stopped) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      try {
        this.deps.onStatus(this.status());
      } catch (error) {
        this.deps.logger.warn('could not report the sync status', { error: String(error) });
      }
    }, this.options.statusThrottleMs);
    this.statusTimer.unref();
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private serial(run: () => Promise<void>): Promise<void> {
    const next = this.chain.then(run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
