/**
 * Rules for chain-wide enrolments and erasures. Erasure wins over everything:
 * - an erasure from the chain erases the customer's face data here (templates, thumbnail, visits, consent) and is
 *   remembered, even for a customer this store never saw;
 * - an enrolment is applied only when its consent was given after the latest erasure known here, so an old
 *   enrolment that arrives late (or is redelivered) never brings an erased face back;
 * - of two enrolments, the one with the later consent wins; an older one is ignored.
 * Templates arrive as base64 Float32 little-endian; no picture ever travels between stores.
 */
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { appendAudit } from '../store/audit.js';
import { getCustomer } from '../store/customers.js';
import type { WritableDb } from '../store/database.js';
import { eraseCustomerBiometrics } from '../store/erasure.js';
import { addTemplates, decodeEmbedding } from '../store/templates.js';
import { applied, ignored, SyncRejection, type ApplyResult, type SyncEffects } from './apply-result.js';
import { upsertCustomer } from './chain-records.js';
import type { EnrolmentDownBody, ErasureDownBody } from './messages.js';

function decodeTemplates(templates: readonly string[]): Float32Array[] {
  const decoded = templates.map((text) => Buffer.from(text, 'base64'));
  const size = decoded[0]?.byteLength ?? 0;
  for (const bytes of decoded) {
    if (bytes.byteLength === 0 || bytes.byteLength % 4 !== 0 || bytes.byteLength !== size) {
      throw new SyncRejection('The face templates are not Float32 arrays of one common length.');
    }
  }
  const embeddings = decoded.map((bytes) => decodeEmbedding(bytes));
  if (!embeddings.every((e) => e.every((value) => Number.isFinite(value)))) {
    throw new SyncRejection('A face template contains a value that is not a number.');
  }
  return embeddings;
}

export function applyEnrolment(
  db: WritableDb,
  clock: Clock,
  body: EnrolmentDownBody,
  effects: SyncEffects,
): ApplyResult {
  const customerId = body.customer.id;
  const agreedAt = isoAt(Date.parse(body.consent.agreedAt));
  const erasedAt: unknown = db
    .prepare('SELECT erased_at FROM sync_erasures WHERE customer_id = ?')
    .pluck()
    .get(customerId);
  if (typeof erasedAt === 'string' && erasedAt >= agreedAt) {
    return ignored(`customer ${customerId} was erased at ${erasedAt}, after this consent (${agreedAt})`);
  }
  const current: unknown = db
    .prepare('SELECT agreed_at FROM consents WHERE customer_id = ? AND withdrawn_at IS NULL')
    .pluck()
    .get(customerId);
  if (typeof current === 'string' && current >= agreedAt) {
    return ignored(`customer ${customerId} already has a consent from ${current}, not older than this one`);
  }
  const embeddings = decodeTemplates(body.templates);
  const now = isoAt(clock.now());
  upsertCustomer(db, clock, body.customer);
  db.prepare('UPDATE consents SET withdrawn_at = ? WHERE customer_id = ? AND withdrawn_at IS NULL').run(
    now,
    customerId,
  );
  // The chain-wide consent covers recognition only: no thumbnail travels, so none may stay.
  db.prepare(
    'INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES (?, ?, ?, ?, 0)',
  ).run(
    customerId,
    body.consent.textVersion,
    agreedAt,
    `${body.consent.recordedBy} (store ${body.consent.recordedAtStore})`,
  );
  db.prepare('DELETE FROM customer_thumbnails WHERE customer_id = ?').run(customerId);
  db.prepare('DELETE FROM face_templates WHERE customer_id = ?').run(customerId);
  addTemplates(db, clock, customerId, body.modelId, embeddings);
  appendAudit(db, clock, {
    actor: 'chain',
    action: 'enrolment.fromChain',
    details: { customerId, store: body.consent.recordedAtStore, templates: embeddings.length },
  });
  effects.enrolled.push(customerId);
  return applied;
}

export function applyErasure(db: WritableDb, clock: Clock, body: ErasureDownBody, effects: SyncEffects): ApplyResult {
  const customerId = body.customerId;
  if (getCustomer(db, customerId)) {
    // Also remembers the erasure, drops unsent messages about them and acknowledges it to the chain.
    eraseCustomerBiometrics(db, clock, customerId, 'chain');
  }
  db.prepare(
    `INSERT INTO sync_erasures (customer_id, erased_at) VALUES (?, ?)
     ON CONFLICT (customer_id) DO UPDATE SET erased_at = MAX(erased_at, excluded.erased_at)`,
  ).run(customerId, isoAt(Date.parse(body.erasedAt)));
  effects.erased.push(customerId);
  return applied;
}
