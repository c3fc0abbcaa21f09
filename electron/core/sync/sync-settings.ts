/**
 * The sync's settings: the store id and broker (in the `settings` table) and the secrets (in a SecretStore).
 * Sync is off until a broker address is set, so a kiosk without a network works as before.
 */
import { z } from 'zod';
import type { SyncSettingsInput, SyncSettingsView } from '../../contract/sync-dto.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { getSetting, setSetting } from '../store/settings.js';
import type { SecretStore } from '../secrets/secret-store.js';

export const STORE_ID_KEY = 'sync.storeId';
export const BROKER_KEY = 'sync.broker';
export const DEFAULT_STORE_ID = 'demo-store';
export const PASSWORD_SECRET = 'sync.password';
export const CLIENT_KEY_SECRET = 'sync.clientKeyPem';

const StoredBroker = z.object({
  url: z.string(),
  username: z.string(),
  caPem: z.string(),
  clientCertPem: z.string(),
  rejectUnauthorized: z.boolean(),
});
export type StoredBroker = z.infer<typeof StoredBroker>;

/** Everything needed to connect, secrets included: stays inside the core. */
export interface BrokerConfig extends StoredBroker {
  readonly password: string | null;
  readonly clientKeyPem: string | null;
}

export function syncStoreId(db: ReadableDb): string {
  const value = getSetting(db, STORE_ID_KEY);
  return typeof value === 'string' && value !== '' ? value : DEFAULT_STORE_ID;
}

/** The broker settings without secrets, or null when sync is off. */
export function storedBroker(db: ReadableDb): StoredBroker | null {
  const parsed = StoredBroker.safeParse(getSetting(db, BROKER_KEY));
  return parsed.success && parsed.data.url !== '' ? parsed.data : null;
}

/** True once a broker is configured; until then nothing is queued for the chain. */
export function syncEnabled(db: ReadableDb): boolean {
  return storedBroker(db) !== null;
}

export async function brokerConfig(db: ReadableDb, secrets: SecretStore): Promise<BrokerConfig | null> {
  const broker = storedBroker(db);
  if (!broker) return null;
  return {
    ...broker,
    password: await secrets.get(PASSWORD_SECRET),
    clientKeyPem: await secrets.get(CLIENT_KEY_SECRET),
  };
}

export async function settingsView(db: ReadableDb, secrets: SecretStore): Promise<SyncSettingsView> {
  const broker = storedBroker(db);
  return {
    storeId: syncStoreId(db),
    brokerUrl: broker?.url ?? '',
    username: broker?.username ?? '',
    hasPassword: (await secrets.get(PASSWORD_SECRET)) !== null,
    caPem: broker?.caPem ?? '',
    clientCertPem: broker?.clientCertPem ?? '',
    hasClientKey: (await secrets.get(CLIENT_KEY_SECRET)) !== null,
    rejectUnauthorized: broker?.rejectUnauthorized ?? true,
    secretStorage: secrets.description,
  };
}

export async function saveSettings(db: WritableDb, secrets: SecretStore, input: SyncSettingsInput): Promise<void> {
  // Secrets first: a failure there leaves the old settings in force rather than a broker without its password.
  const put = (name: string, value: string) => (value === '' ? secrets.delete(name) : secrets.set(name, value));
  if (input.password !== undefined) await put(PASSWORD_SECRET, input.password);
  if (input.clientKeyPem !== undefined) await put(CLIENT_KEY_SECRET, input.clientKeyPem);
  const broker: StoredBroker = {
    url: input.brokerUrl,
    username: input.username,
    caPem: input.caPem,
    clientCertPem: input.clientCertPem,
    rejectUnauthorized: input.rejectUnauthorized,
  };
  db.transaction(() => {
    setSetting(db, STORE_ID_KEY, input.storeId);
    setSetting(db, BROKER_KEY, broker);
  })();
}

/** The address for screens and logs: scheme, host and port only. */
export function safeBrokerLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
