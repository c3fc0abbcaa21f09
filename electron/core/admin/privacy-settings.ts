/**
 * The manager's privacy settings (working hours, retention, audience estimates, the contact for withdrawals),
 * stored as JSON in `settings` and validated on the way in and out: a damaged or missing value falls back to the
 * default for that part instead of stopping the kiosk.
 */
import { PrivacySettings, Retention, WorkingHours } from '../../contract/admin-dto.js';
import type { Clock } from '../clock.js';
import { appendAudit } from '../store/audit.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { getSetting, setSetting } from '../store/settings.js';
import { alwaysOpen, machineTimeZone } from './working-hours.js';

export const WORKING_HOURS_KEY = 'privacy.workingHours';
export const RETENTION_KEY = 'privacy.retention';
export const AUDIENCE_ESTIMATES_KEY = 'privacy.audienceEstimates';
export const CONTACT_KEY = 'privacy.contact';

/** One year for everything, as the seed systems kept it. */
export const DEFAULT_RETENTION: Retention = { visitsDays: 365, auditDays: 365, aggregatesDays: 365 };

export function defaultPrivacySettings(timeZone = machineTimeZone()): PrivacySettings {
  return {
    workingHours: alwaysOpen(timeZone),
    retention: DEFAULT_RETENTION,
    audienceEstimates: false,
    contact: '',
  };
}

export function readPrivacySettings(db: ReadableDb, timeZone = machineTimeZone()): PrivacySettings {
  const defaults = defaultPrivacySettings(timeZone);
  const hours = WorkingHours.safeParse(getSetting(db, WORKING_HOURS_KEY));
  const retention = Retention.safeParse(getSetting(db, RETENTION_KEY));
  const audience = getSetting(db, AUDIENCE_ESTIMATES_KEY);
  const contact = getSetting(db, CONTACT_KEY);
  return {
    workingHours: hours.success ? hours.data : defaults.workingHours,
    retention: retention.success ? retention.data : defaults.retention,
    audienceEstimates: typeof audience === 'boolean' ? audience : defaults.audienceEstimates,
    contact: typeof contact === 'string' ? contact : defaults.contact,
  };
}

/** Which parts changed, for the audit log (values, never anything personal). */
function changes(before: PrivacySettings, after: PrivacySettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['workingHours', 'retention', 'audienceEstimates', 'contact'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out;
}

/** Validates, stores and audits new settings in one transaction; returns what is now in force. */
export function writePrivacySettings(
  db: WritableDb,
  clock: Clock,
  next: PrivacySettings,
  actor: string,
): PrivacySettings {
  const parsed = PrivacySettings.parse(next);
  return db.transaction(() => {
    const before = readPrivacySettings(db, parsed.workingHours.timeZone);
    setSetting(db, WORKING_HOURS_KEY, parsed.workingHours);
    setSetting(db, RETENTION_KEY, parsed.retention);
    setSetting(db, AUDIENCE_ESTIMATES_KEY, parsed.audienceEstimates);
    setSetting(db, CONTACT_KEY, parsed.contact);
    const changed = changes(before, parsed);
    if (Object.keys(changed).length > 0) {
      appendAudit(db, clock, { actor, action: 'settings.privacy_changed', details: changed });
    }
    return parsed;
  })();
}
