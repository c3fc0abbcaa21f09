/**
 * The desktop product's data: kiosk settings (display placement, start at login, updates, opening hours), the
 * kiosk lock, clerks' tablets paired over the store's LAN, optional cloud matching and support log export.
 * Schemas only; the commands that carry them are in commands.ts, their access rules in access.ts.
 */
import { z } from 'zod';

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:MM, for example 08:30.');

/** When the store is open the customer display is kept awake; outside these hours the screen may sleep. */
export const OpeningHours = z
  .object({
    open: HourMinute,
    close: HourMinute,
  })
  .strict();
export type OpeningHours = z.infer<typeof OpeningHours>;

export const UpdateSettings = z
  .object({
    /** Off by default: a store PC updates only when the chain has set an update URL and a manager turned this on. */
    enabled: z.boolean(),
    /** The chain's generic update server (latest.yml and the installers); https only. */
    url: z
      .string()
      .max(500)
      .refine((value) => value === '' || /^https:\/\/[^\s]+$/.test(value), 'The update URL must start with https://.'),
  })
  .strict();
export type UpdateSettings = z.infer<typeof UpdateSettings>;

export const KioskSettings = z
  .object({
    /** Electron display id of the customer display; null = the first screen that is not the primary one. */
    customerDisplayId: z.number().int().nonnegative().nullable(),
    /** Open the kiosk when the PC's user signs in (opt-in). */
    startAtLogin: z.boolean(),
    openingHours: OpeningHours,
    updates: UpdateSettings,
  })
  .strict();
export type KioskSettings = z.infer<typeof KioskSettings>;

export const DEFAULT_KIOSK_SETTINGS: KioskSettings = {
  customerDisplayId: null,
  startAtLogin: false,
  openingHours: { open: '08:00', close: '20:00' },
  updates: { enabled: false, url: '' },
};

export const DisplayInfo = z
  .object({
    id: z.number().int().nonnegative(),
    label: z.string().max(200),
    primary: z.boolean(),
    bounds: z
      .object({
        x: z.number().int(),
        y: z.number().int(),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
      })
      .strict(),
  })
  .strict();
export type DisplayInfo = z.infer<typeof DisplayInfo>;

export const KioskState = z.object({
  settings: KioskSettings,
  /** Screens the desktop shell sees; empty in browser mode. */
  displays: z.array(DisplayInfo),
  /** The customer display's kiosk lock: on unless a manager unlocked it with their password. */
  locked: z.boolean(),
});
export type KioskState = z.infer<typeof KioskState>;

export const KioskSettingsPatch = z
  .object({
    customerDisplayId: KioskSettings.shape.customerDisplayId.optional(),
    startAtLogin: z.boolean().optional(),
    openingHours: OpeningHours.optional(),
    updates: UpdateSettings.optional(),
  })
  .strict();
export type KioskSettingsPatch = z.infer<typeof KioskSettingsPatch>;

export const LanPairing = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type LanPairing = z.infer<typeof LanPairing>;

export const LanStatus = z.object({
  /** The staff page is served to the store's network (otherwise loopback only). */
  enabled: z.boolean(),
  /** The addresses a tablet can open, when enabled and the host knows them. */
  urls: z.array(z.string()),
  pairings: z.array(LanPairing),
  /** The one-time code to type on a tablet, while one is open. */
  code: z.object({ code: z.string(), expiresAt: z.string() }).nullable(),
});
export type LanStatus = z.infer<typeof LanStatus>;

export const CloudMode = z.enum(['local', 'cloud', 'local-then-cloud']);
export type CloudMode = z.infer<typeof CloudMode>;

export const CloudStatus = z.object({
  mode: CloudMode,
  region: z.string(),
  collectionId: z.string(),
  /** Rekognition's FaceMatchThreshold, in percent. */
  threshold: z.number(),
  /** Credentials are kept in the secret store and never sent back to a window. */
  hasCredentials: z.boolean(),
  month: z.string(),
  monthCalls: z.number().int().nonnegative(),
  monthFailures: z.number().int().nonnegative(),
  /** Mean latency of this month's calls, in milliseconds; null before the first call. */
  meanLatencyMs: z.number().nullable(),
  /** A sentence about the last problem (network down, throttled), or null. */
  lastProblem: z.string().nullable(),
});
export type CloudStatus = z.infer<typeof CloudStatus>;

const AwsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Use an AWS region name such as eu-west-1.');

export const CloudSettingsInput = z
  .object({
    mode: CloudMode,
    region: AwsRegion,
    collectionId: z
      .string()
      .regex(/^[a-zA-Z0-9_.-]{1,255}$/, 'A collection id uses letters, digits, dots, dashes and underscores.'),
    threshold: z.number().min(50).max(100),
    /** Given only when the manager enters new credentials; omitted keeps the stored ones. */
    credentials: z
      .object({
        accessKeyId: z.string().trim().min(16).max(128),
        secretAccessKey: z.string().trim().min(16).max(128),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CloudSettingsInput = z.infer<typeof CloudSettingsInput>;

export const LogExport = z.object({
  fileName: z.string(),
  text: z.string(),
  files: z.number().int().nonnegative(),
});
export type LogExport = z.infer<typeof LogExport>;

export const LanCodeInput = z
  .object({ label: z.string().trim().min(1, 'Name the tablet, for example "Pickup counter".').max(60) })
  .strict();
export type LanCodeInput = z.infer<typeof LanCodeInput>;
