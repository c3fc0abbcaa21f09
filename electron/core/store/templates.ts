/**
 * Face templates: embeddings stored as Float32 little-endian BLOBs with the id of the model that made
 * them. Only customers with a current consent can have templates, and only their templates are loaded
 * for matching.
 */
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { currentConsent } from './consents.js';
import { requireCustomer } from './customers.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface StoredTemplate {
  readonly customerId: string;
  readonly embedding: Float32Array;
}

/** Little-endian whatever the machine, so a database file moves between machines unchanged. */
export function encodeEmbedding(embedding: Float32Array): Buffer {
  const buffer = Buffer.alloc(embedding.length * 4);
  embedding.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer;
}

export function decodeEmbedding(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`A template of ${bytes.byteLength} bytes is not a Float32 array.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i += 1) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/**
 * Stores several templates for one customer in one transaction (all or none). Refuses without a
 * current consent; the database trigger `face_templates_need_consent` is the backstop.
 */
export function addTemplates(
  db: WritableDb,
  clock: Clock,
  customerId: string,
  modelId: string,
  embeddings: readonly Float32Array[],
): number {
  if (embeddings.length === 0) return 0;
  const size = embeddings[0]?.length ?? 0;
  for (const embedding of embeddings) {
    if (embedding.length === 0 || embedding.length !== size) {
      throw new Error(
        `Templates for one customer must all have the same non-zero length (got ${embedding.length} and ${size}).`,
      );
    }
    if (!embedding.every((value) => Number.isFinite(value)))
      throw new Error('A template contains a value that is not a number.');
  }
  const at = isoAt(clock.now());
  const insert = db.prepare(
    'INSERT INTO face_templates (customer_id, model_id, embedding, created_at) VALUES (?, ?, ?, ?)',
  );
  return db.transaction(() => {
    const customer = requireCustomer(db, customerId);
    if (currentConsent(db, customerId) === null) {
      throw new CommandError(
        'conflict',
        `${customer.firstName} ${customer.lastName} has no current consent, so no face templates can be stored.`,
      );
    }
    for (const embedding of embeddings) insert.run(customerId, modelId, encodeEmbedding(embedding), at);
    return embeddings.length;
  })();
}

/** Every template made by `modelId` whose customer has a current consent, for the matcher. */
export function loadTemplates(db: ReadableDb, modelId: string): StoredTemplate[] {
  const rows = db
    .prepare<[string], { customer_id: string; embedding: Buffer }>(
      `SELECT t.customer_id, t.embedding FROM face_templates t
       WHERE t.model_id = ?
         AND EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = t.customer_id AND k.withdrawn_at IS NULL)
       ORDER BY t.customer_id, t.id`,
    )
    .all(modelId);
  return rows.map((row) => ({ customerId: row.customer_id, embedding: decodeEmbedding(row.embedding) }));
}

/** How many templates are stored, optionally for one customer and/or one model. */
export function countTemplates(db: ReadableDb, filter: { customerId?: string; modelId?: string } = {}): number {
  const count: unknown = db
    .prepare<{ customerId: string | null; modelId: string | null }>(
      `SELECT COUNT(*) FROM face_templates
       WHERE (@customerId IS NULL OR customer_id = @customerId) AND (@modelId IS NULL OR model_id = @modelId)`,
    )
    .pluck()
    .get({ customerId: filter.customerId ?? null, modelId: filter.modelId ?? null });
  return typeof count === 'number' ? count : 0;
}
