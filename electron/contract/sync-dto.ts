/**
 * The sync's data as the admin and staff windows see it: health (connected, messages waiting, oldest waiting,
 * last error) and the broker settings. Secrets go in, but never come back out: the view only says whether one
 * is stored.
 */
import { z } from 'zod';

const IsoTime = z.iso.datetime({ offset: true });

export const SyncState = z.enum(['off', 'connecting', 'connected', 'offline']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  /** 'off' until a broker is configured: the kiosk works offline either way. */
  state: SyncState,
  storeId: z.string(),
  /** The broker address without credentials, or null when none is configured. */
  broker: z.string().nullable(),
  /** Messages for the chain not yet acknowledged by the broker. */
  waiting: z.number().int().nonnegative(),
  oldestWaitingAt: IsoTime.nullable(),
  lastSentAt: IsoTime.nullable(),
  lastReceivedAt: IsoTime.nullable(),
  /** Messages from the chain kept aside because they failed validation or a rule. */
  quarantined: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  reconnects: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncStoreId = z
  .string()
  .trim()
  .min(1, 'Enter the store id the chain uses for this store.')
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'A store id uses letters, digits, dots, dashes and underscores only.');

export const BrokerUrl = z
  .string()
  .trim()
  .max(300)
  .refine(
    (value) => value === '' || /^(mqtts?|wss?):\/\/[^\s/]+/.test(value),
    'The broker address starts with mqtt://, mqtts://, ws:// or wss://, e.g. mqtts://broker.example.com:8883.',
  )
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/.test(value), 'Put the user name and password in their own fields.');

const Pem = z
  .string()
  .max(20_000)
  .refine((value) => value === '' || value.includes('-----BEGIN '), 'Paste the PEM text, starting with -----BEGIN.');

export const SyncSettingsView = z.object({
  storeId: z.string(),
  /** '' = sync off. */
  brokerUrl: z.string(),
  username: z.string(),
  hasPassword: z.boolean(),
  /** PEM of the certificate authority to trust, '' = the system's. */
  caPem: z.string(),
  /** PEM of the client certificate, '' = none. */
  clientCertPem: z.string(),
  hasClientKey: z.boolean(),
  /** Normally true; false only for a test broker with a self-signed certificate. */
  rejectUnauthorized: z.boolean(),
  /** Where the secrets are kept, as a sentence for the manager. */
  secretStorage: z.string(),
});
export type SyncSettingsView = z.infer<typeof SyncSettingsView>;

/** `password` / `clientKeyPem`: omitted = keep the stored one, '' = remove it. */
export const SyncSettingsInput = z
  .object({
    storeId: SyncStoreId,
    brokerUrl: BrokerUrl,
    username: z.string().trim().max(200),
    password: z.string().max(500).optional(),
    caPem: Pem,
    clientCertPem: Pem,
    clientKeyPem: Pem.optional(),
    rejectUnauthorized: z.boolean(),
  })
  .strict();
export type SyncSettingsInput = z.infer<typeof SyncSettingsInput>;
