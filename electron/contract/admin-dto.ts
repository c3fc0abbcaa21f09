/**
 * The data of the manager's controls that crosses between the core and the admin window: working hours,
 * retention, accounts, the audit log, backups, the privacy notice and the audience reports. Kept apart from
 * `dto.ts` so these features grow without touching the schemas every window shares.
 */
import { z } from 'zod';
import { IsoTime, NewPassword, Username } from './dto.js';

/** 'HH:MM' on a 24-hour clock; '24:00' only makes sense as a closing time (open until midnight). */
export const ClockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Write times as HH:MM on a 24-hour clock, for example 08:30.');

export const DayHours = z
  .object({ open: ClockTime, close: ClockTime })
  .refine((d) => d.open < d.close && d.open !== '24:00', {
    message: 'The closing time must be after the opening time (use 24:00 for midnight).',
  });
export type DayHours = z.infer<typeof DayHours>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'Unknown time zone; use a name such as Europe/Berlin or America/New_York.');

/** The store's opening hours per weekday in its own time zone; null = closed that day. */
export const WorkingHours = z.object({
  timeZone: TimeZone,
  days: z.object({
    mon: DayHours.nullable(),
    tue: DayHours.nullable(),
    wed: DayHours.nullable(),
    thu: DayHours.nullable(),
    fri: DayHours.nullable(),
    sat: DayHours.nullable(),
    sun: DayHours.nullable(),
  }),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

const Days = z
  .number()
  .int('Write whole days.')
  .min(1, 'Keep data for at least 1 day.')
  .max(3650, 'Keep data for at most 3650 days (10 years).');

/** How long each kind of data is kept, in days; older rows are purged every hour. */
export const Retention = z.object({
  visitsDays: Days,
  auditDays: Days,
  aggregatesDays: Days,
});
export type Retention = z.infer<typeof Retention>;

export const PrivacySettings = z.object({
  workingHours: WorkingHours,
  retention: Retention,
  /** Count visitors by estimated age band, gender and expression (hourly totals only). Off unless turned on. */
  audienceEstimates: z.boolean(),
  /** Where customers ask to withdraw consent, printed on the notice (e.g. an e-mail address or "at the counter"). */
  contact: z.string().trim().max(200),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const PurgeOutcome = z.object({
  visits: z.number().int().nonnegative(),
  audit: z.number().int().nonnegative(),
  footfall: z.number().int().nonnegative(),
  audience: z.number().int().nonnegative(),
});
export type PurgeOutcome = z.infer<typeof PurgeOutcome>;

export const UserRole = z.enum(['manager', 'clerk']);
export type UserRole = z.infer<typeof UserRole>;

export const UserAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  role: UserRole,
  createdAt: IsoTime,
  disabled: z.boolean(),
  /** Set while a lock-out after repeated wrong passwords is in force. */
  lockedUntil: IsoTime.nullable(),
});
export type UserAccount = z.infer<typeof UserAccount>;

export const NewUserAccount = z.object({ username: Username, password: NewPassword, role: UserRole }).strict();

export const ClerkSession = z.object({ username: z.string(), role: UserRole });
export type ClerkSession = z.infer<typeof ClerkSession>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: IsoTime,
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .object({
    action: z.string().max(60).optional(),
    actor: z.string().max(60).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const BackupReason = z.enum(['scheduled', 'manual', 'before-restore']);
export type BackupReason = z.infer<typeof BackupReason>;

/** A backup file in the data folder's backups/ directory, named by the core (never a path from a window). */
export const BackupInfo = z.object({
  name: z.string(),
  createdAt: IsoTime,
  reason: BackupReason,
  bytes: z.number().int().nonnegative(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupName = z
  .string()
  .regex(/^kiosk-\d{8}-\d{6}(?:-\d+)?-(?:scheduled|manual|before-restore)\.sqlite3$/, 'Choose a backup from the list.');

export const PrivacyNotice = z.object({
  title: z.string(),
  sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()) })),
  /** The same notice as a complete, self-contained HTML page (for saving or printing elsewhere). */
  html: z.string(),
  generatedAt: IsoTime,
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

/** A calendar day in the store's time zone. */
export const LocalDate = z.iso.date();

export const ReportQuery = z
  .object({
    from: LocalDate,
    to: LocalDate,
    /** One camera, or the whole store when absent. */
    cameraId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'The start date must not be after the end date.' });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const AUDIENCE_DIMENSIONS = ['age_band', 'gender', 'expression'] as const;
export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const GENDERS = ['female', 'male', 'unknown'] as const;
export const EXPRESSIONS = ['neutral', 'happy', 'surprise', 'sad', 'angry', 'fear', 'disgust', 'unknown'] as const;

const Count = z.number().int().nonnegative();
const Share = z.object({ value: z.string(), count: Count });

/** Waiting times of recognised customers with an order, in minutes. */
export const DurationStats = z.object({
  count: Count,
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  buckets: z.array(z.object({ label: z.string(), count: Count })),
});
export type DurationStats = z.infer<typeof DurationStats>;

export const AudienceReport = z.object({
  from: LocalDate,
  to: LocalDate,
  timeZone: z.string(),
  cameraId: z.string().nullable(),
  /** Every camera with data in the period (for the camera picker). */
  cameras: z.array(z.string()),
  totals: z.object({
    faces: Count,
    visits: Count,
    customers: Count,
    returningCustomers: Count,
  }),
  /** Faces seen by local hour of the day (24 entries), summed over the period. */
  footfallByHour: z.array(Count).length(24),
  footfallByDay: z.array(z.object({ date: LocalDate, faces: Count })),
  visitsByDay: z.array(z.object({ date: LocalDate, visits: Count, customers: Count, returning: Count })),
  arrivalToCollection: DurationStats,
  pickupWait: DurationStats,
  audience: z.object({ ageBands: z.array(Share), genders: z.array(Share), expressions: z.array(Share) }),
});
export type AudienceReport = z.infer<typeof AudienceReport>;

export const CsvExport = z.object({ filename: z.string(), csv: z.string(), rows: Count });
export type CsvExport = z.infer<typeof CsvExport>;
