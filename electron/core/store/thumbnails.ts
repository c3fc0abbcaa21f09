/**
 * The optional staff thumbnail: a small JPEG of the customer's face, stored and shown only while the
 * customer's current consent includes it. Enforced here (with a clear message) and by database triggers.
 */
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { currentConsent } from './consents.js';
import { requireCustomer } from './customers.js';
import type { ReadableDb, WritableDb } from './database.js';

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.byteLength > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function setThumbnail(db: WritableDb, clock: Clock, customerId: string, jpeg: Uint8Array): void {
  if (!isJpeg(jpeg)) throw new CommandError('invalid_payload', 'The thumbnail is not a JPEG image.');
  db.transaction(() => {
    const customer = requireCustomer(db, customerId);
    if (currentConsent(db, customerId)?.thumbnailAgreed !== true) {
      throw new CommandError(
        'conflict',
        `${customer.firstName} ${customer.lastName} did not agree to a staff thumbnail, so none was stored.`,
      );
    }
    db.prepare(
      `INSERT INTO customer_thumbnails (customer_id, jpeg, created_at) VALUES (?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET jpeg = excluded.jpeg, created_at = excluded.created_at`,
    ).run(customerId, Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength), isoAt(clock.now()));
  })();
}

/** The JPEG bytes, or null when there is none or the current consent does not cover it. */
export function getThumbnail(db: ReadableDb, customerId: string): Buffer | null {
  const jpeg: unknown = db
    .prepare(
      `SELECT p.jpeg FROM customer_thumbnails p
       JOIN consents k ON k.customer_id = p.customer_id AND k.withdrawn_at IS NULL AND k.thumbnail_agreed = 1
       WHERE p.customer_id = ?`,
    )
    .pluck()
    .get(customerId);
  return Buffer.isBuffer(jpeg) ? jpeg : null;
}

/** The thumbnail as a data: URL for the staff window, or null. */
export function thumbnailDataUrl(db: ReadableDb, customerId: string): string | null {
  const jpeg = getThumbnail(db, customerId);
  return jpeg === null ? null : `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}
