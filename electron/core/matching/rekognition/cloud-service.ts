/**
 * The cloud matching settings the manager sets in the admin window (mode, region, collection, threshold, and
 * credentials kept in the secret store), the Rekognition client built from them, and the month's usage. Local only
 * is the default; nothing reaches AWS until a manager chose a cloud mode and entered credentials.
 */
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { z } from 'zod';
import { CloudMode, type CloudSettingsInput, type CloudStatus } from '../../../contract/desktop.js';
import type { Clock } from '../../clock.js';
import type { EventHub } from '../../event-hub.js';
import type { Logger } from '../../logger.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { WritableDb } from '../../store/database.js';
import { getSetting, setSetting } from '../../store/settings.js';
import type { Matcher } from '../matcher.js';
import { monthOf, monthUsage, recordCall } from './cloud-usage.js';
import { createHybridMatcher } from './hybrid-matcher.js';
import { createRekognitionMatcher, DEFAULT_FACE_MATCH_THRESHOLD } from './rekognition-matcher.js';

export const CLOUD_SETTINGS_KEY = 'cloud.settings';
export const SECRET_ACCESS_KEY_ID = 'rekognition.accessKeyId';
export const SECRET_SECRET_ACCESS_KEY = 'rekognition.secretAccessKey';

const CloudSettings = z.object({
  mode: CloudMode,
  region: z.string(),
  collectionId: z.string(),
  threshold: z.number(),
});
type CloudSettings = z.infer<typeof CloudSettings>;

export const DEFAULT_CLOUD_SETTINGS: CloudSettings = {
  mode: 'local',
  region: 'eu-west-1',
  collectionId: 'smart-store-kiosk',
  threshold: DEFAULT_FACE_MATCH_THRESHOLD,
};

export interface CloudServiceDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  /** Tests point the SDK at a local endpoint; production leaves it undefined (the region's AWS endpoint). */
  readonly endpoint?: string;
  /** SDK attempts per call, retries included (throttling is retried with back-off by the SDK). */
  readonly maxAttempts?: number;
}

export class CloudService {
  private lastProblem: string | null = null;
  private client: { key: string; client: RekognitionClient } | null = null;
  private matcherCache: { key: string; matcher: Matcher & { ensureCollection(): Promise<boolean> } } | null = null;

  constructor(private readonly deps: CloudServiceDeps) {}

  settings(): CloudSettings {
    const parsed = CloudSettings.safeParse(getSetting(this.deps.db, CLOUD_SETTINGS_KEY));
    return parsed.success ? parsed.data : DEFAULT_CLOUD_SETTINGS;
  }

  async status(): Promise<CloudStatus> {
    const settings = this.settings();
    const month = monthOf(this.deps.clock.now());
    const usage = monthUsage(this.deps.db, month);
    return {
      ...settings,
      hasCredentials: (await this.credentials()) !== null,
      month,
      monthCalls: usage.calls,
      monthFailures: usage.failures,
      meanLatencyMs: usage.calls === 0 ? null : Math.round(usage.latencyMsTotal / usage.calls),
      lastProblem: this.lastProblem,
    };
  }

  async update(input: CloudSettingsInput): Promise<CloudStatus> {
    if (input.credentials !== undefined) {
      await this.deps.secrets.set(SECRET_ACCESS_KEY_ID, input.credentials.accessKeyId);
      await this.deps.secrets.set(SECRET_SECRET_ACCESS_KEY, input.credentials.secretAccessKey);
    }
    const hasCredentials = (await this.credentials()) !== null;
    if (input.mode !== 'local' && !hasCredentials) {
      throw new CloudConfigError('Enter the AWS access key id and secret access key before choosing a cloud mode.');
    }
    setSetting(this.deps.db, CLOUD_SETTINGS_KEY, {
      mode: input.mode,
      region: input.region,
      collectionId: input.collectionId,
      threshold: input.threshold,
    } satisfies CloudSettings);
    this.client = null;
    this.matcherCache = null;
    this.lastProblem = null;
    return this.publish();
  }

  /** The cloud matcher for the current settings, or null when no credentials are stored. */
  async cloudMatcher(): Promise<(Matcher & { ensureCollection(): Promise<boolean> }) | null> {
    const client = await this.sdkClient();
    if (client === null) return null;
    const settings = this.settings();
    // One matcher per client and settings: it remembers that the collection exists (no DescribeCollection per call).
    const key = `${this.client?.key ?? ''}|${settings.collectionId}|${settings.threshold}`;
    if (this.matcherCache?.key === key) return this.matcherCache.matcher;
    const matcher = createRekognitionMatcher({
      client,
      collectionId: settings.collectionId,
      threshold: settings.threshold,
      clock: this.deps.clock,
      logger: this.deps.logger,
      onCall: (operation, latencyMs, ok) => {
        recordCall(this.deps.db, this.deps.clock, { operation, latencyMs, ok });
      },
    });
    this.matcherCache = { key, matcher };
    return matcher;
  }

  /** The matcher the recognition uses: local, cloud or both, by the manager's mode. */
  async matcher(local: Matcher): Promise<Matcher> {
    return createHybridMatcher({
      local,
      cloud: await this.cloudMatcher(),
      mode: () => this.settings().mode,
      onProblem: (message) => this.reportProblem(message),
    });
  }

  /** Whether enrolment should keep face crops for the collection (a cloud mode is on). */
  wantsFaces(): boolean {
    return this.settings().mode !== 'local';
  }

  /**
   * After a local enrolment committed: index the customer's face crops with ExternalImageId = customer id, when a
   * cloud mode is on. A failure never undoes the local enrolment: it is logged and shown in the admin's cloud
   * section. Returns how many faces were indexed.
   */
  async indexEnrolment(customerId: string, faces: readonly Uint8Array[]): Promise<number> {
    if (faces.length === 0 || this.settings().mode === 'local') return 0;
    try {
      const cloud = await this.cloudMatcher();
      if (cloud === null) return 0;
      const indexed = await cloud.enrol(customerId, faces);
      this.deps.logger.info('enrolled faces indexed in the cloud collection', { customerId, indexed });
      return indexed;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.logger.error('could not index the enrolled faces in the cloud collection', { customerId, reason });
      this.reportProblem(
        `A new enrolment could not be added to the Rekognition collection (${reason.slice(0, 160)}); the customer ` +
          'is recognised locally. Enrol them again once the cloud is reachable.',
      );
      return 0;
    }
  }

  /** Tells the admin window about a cloud problem (null: the cloud works again); repeats are not re-published. */
  reportProblem(message: string | null): void {
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.publish().catch((error: unknown) => {
      this.deps.logger.warn('could not publish the cloud status', { error: String(error) });
    });
  }

  /** Erasure reaches the cloud collection too (whatever the mode) when credentials are stored. */
  async erase(customerId: string): Promise<number> {
    const cloud = await this.cloudMatcher();
    if (cloud === null) return 0;
    return cloud.erase(customerId);
  }

  private async credentials(): Promise<{ accessKeyId: string; secretAccessKey: string } | null> {
    const accessKeyId = await this.deps.secrets.get(SECRET_ACCESS_KEY_ID);
    const secretAccessKey = await this.deps.secrets.get(SECRET_SECRET_ACCESS_KEY);
    return accessKeyId === null || secretAccessKey === null ? null : { accessKeyId, secretAccessKey };
  }

  private async sdkClient(): Promise<RekognitionClient | null> {
    const credentials = await this.credentials();
    if (credentials === null) return null;
    const { region } = this.settings();
    const key = `${region}|${credentials.accessKeyId}`;
    if (this.client?.key !== key) {
      this.client?.client.destroy();
      this.matcherCache = null;
      this.client = {
        key,
        client: new RekognitionClient({
          region,
          credentials,
          maxAttempts: this.deps.maxAttempts ?? 3,
          ...(this.deps.endpoint === undefined ? {} : { endpoint: this.deps.endpoint }),
        }),
      };
    }
    return this.client.client;
  }

  private async publish(): Promise<CloudStatus> {
    const status = await this.status();
    this.deps.events.emit('cloud.changed', status);
    return status;
  }

  close(): void {
    this.client?.client.destroy();
    this.client = null;
    this.matcherCache = null;
  }
}

/** A cloud setting the manager must fix; handlers turn it into an `invalid_payload` with this sentence. */
export class CloudConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudConfigError';
  }
}
