/**
 * Customers who must be enrolled again: they have a current consent and face templates, but none made by the
 * face model that runs now (they were enrolled under another one, e.g. by an older release that recognised with
 * FaceRes). Templates of different models are never compared, so these customers are not recognised until a
 * manager enrols them again. Counted on demand, so the figure is right after every enrolment, erasure, withdrawal,
 * restore or chain update without anything to keep in step.
 */
import type { CustomerSummary, ReenrolmentStatus } from '../../contract/dto.js';
import type { ReadableDb } from './database.js';

/**
 * Ids of the customers with a current consent and templates of other models only. One pass over the templates;
 * the consent and same-model lookups use the indexes on consents (customer_id) and face_templates (model_id, ...).
 */
export function customersNeedingReenrolment(db: ReadableDb, modelId: string): Set<string> {
  const ids = db
    .prepare<[string, string], string>(
      `SELECT DISTINCT t.customer_id FROM face_templates t
       WHERE t.model_id <> ?
         AND EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = t.customer_id AND k.withdrawn_at IS NULL)
         AND NOT EXISTS (SELECT 1 FROM face_templates u WHERE u.model_id = ? AND u.customer_id = t.customer_id)`,
    )
    .pluck()
    .all(modelId, modelId);
  return new Set(ids);
}

/** The sentence for the manager, or null when everyone enrolled is recognised by the running model. */
export function reenrolmentMessage(count: number): string | null {
  if (count === 0) return null;
  const who = count === 1 ? '1 customer was' : `${count} customers were`;
  const are = count === 1 ? 'is' : 'are';
  return (
    `${who} enrolled with another face model than the one running now and ${are} not recognised until they are ` +
    `enrolled again: Customers & enrolment → each customer marked "Needs re-enrolment" → Enrol again.`
  );
}

export function reenrolmentStatus(db: ReadableDb, modelId: string): ReenrolmentStatus {
  const count = customersNeedingReenrolment(db, modelId).size;
  return { modelId, count, message: reenrolmentMessage(count) };
}

/** The customers with `needsReenrolment` set against the running model; unchanged while no model is running yet. */
export function markReenrolment(
  db: ReadableDb,
  customers: readonly CustomerSummary[],
  modelId: string | null,
): CustomerSummary[] {
  if (modelId === null) return [...customers];
  const ids = customersNeedingReenrolment(db, modelId);
  return customers.map((customer) => ({ ...customer, needsReenrolment: ids.has(customer.id) }));
}
