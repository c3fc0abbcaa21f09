/**
 * The retention policy, enforced: rows older than the manager's limit for their kind are deleted (visits, the
 * audit log, hourly counts). Runs from the hourly scheduler and on demand; one transaction, and the purge itself
 * is written to the audit log with counts only.
 */
import type { PurgeOutcome, Retention } from '../../contract/admin-dto.js';
import { isoAt, type Clock } from '../clock.js';
import { appendAudit } from '../store/audit.js';
import type { WritableDb } from '../store/database.js';
import { hourKey } from '../store/footfall.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function purgeExpired(db: WritableDb, clock: Clock, retention: Retention, actor = 'retention'): PurgeOutcome {
  const now = clock.now();
  const visitsBefore = isoAt(now - retention.visitsDays * DAY_MS);
  const auditBefore = isoAt(now - retention.auditDays * DAY_MS);
  // Hour keys sort as text; an hour is purged once all of it is older than the limit.
  const hourBefore = hourKey(now - retention.aggregatesDays * DAY_MS);
  return db.transaction((): PurgeOutcome => {
    const outcome: PurgeOutcome = {
      visits: db.prepare('DELETE FROM visits WHERE arrived_at < ?').run(visitsBefore).changes,
      audit: db.prepare('DELETE FROM audit_log WHERE at < ?').run(auditBefore).changes,
      footfall: db.prepare('DELETE FROM footfall_hourly WHERE hour < ?').run(hourBefore).changes,
      audience: db.prepare('DELETE FROM audience_hourly WHERE hour < ?').run(hourBefore).changes,
    };
    if (outcome.visits + outcome.audit + outcome.footfall + outcome.audience > 0) {
      appendAudit(db, clock, { actor, action: 'retention.purged', details: { ...outcome, retention } });
    }
    return outcome;
  })();
}
