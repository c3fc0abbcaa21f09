/**
 * Erasing a customer's biometric data on request: templates, thumbnail, visits and consents go in one
 * transaction together with the audit entry, so either all of it is gone and recorded, or nothing changed.
 * The customer row and their purchase history stay: those are their shopping record, not biometrics.
 */
import type { Clock } from '../clock.js';
import { appendAudit } from './audit.js';
import { requireCustomer } from './customers.js';
import type { WritableDb } from './database.js';

export interface ErasureOutcome {
  readonly templates: number;
  readonly thumbnails: number;
  readonly visits: number;
  readonly consents: number;
}

export function eraseCustomerBiometrics(
  db: WritableDb,
  clock: Clock,
  customerId: string,
  actor: string,
): ErasureOutcome {
  return db.transaction((): ErasureOutcome => {
    requireCustomer(db, customerId);
    const remove = (sql: string): number => db.prepare(sql).run(customerId).changes;
    const outcome: ErasureOutcome = {
      templates: remove('DELETE FROM face_templates WHERE customer_id = ?'),
      thumbnails: remove('DELETE FROM customer_thumbnails WHERE customer_id = ?'),
      visits: remove('DELETE FROM visits WHERE customer_id = ?'),
      consents: remove('DELETE FROM consents WHERE customer_id = ?'),
    };
    // Counts only: the audit log must not keep anything it was asked to forget.
    appendAudit(db, clock, { actor, action: 'customer.biometrics_erased', details: { customerId, ...outcome } });
    return outcome;
  })();
}
