/**
 * Consent to face recognition: record it, read the current one, withdraw it. Withdrawing deletes the
 * customer's templates, thumbnail and visits in the same transaction, because the consent text promises
 * they are deleted when consent ends. The withdrawn consent row itself stays as the record of what was agreed
 * and when it ended (erasure removes that too).
 */
import type { ConsentRecord } from '../../contract/dto.js';
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { appendAudit } from './audit.js';
import { requireCustomer } from './customers.js';
import type { ReadableDb, WritableDb } from './database.js';

export interface NewConsent {
  readonly customerId: string;
  /** The version of the text the customer read; must be the current one. */
  readonly textVersion: string;
  /** The signed-in manager who recorded it. */
  readonly recordedBy: string;
  readonly thumbnailAgreed: boolean;
}

interface ConsentRow {
  text_version: string;
  agreed_at: string;
  recorded_by: string;
  thumbnail_agreed: number;
}

function toRecord(row: ConsentRow): ConsentRecord {
  return {
    textVersion: row.text_version,
    agreedAt: row.agreed_at,
    recordedBy: row.recorded_by,
    thumbnailAgreed: row.thumbnail_agreed === 1,
  };
}

/** The consent in force for this customer, or null when there is none (never given, or withdrawn). */
export function currentConsent(db: ReadableDb, customerId: string): ConsentRecord | null {
  const row = db
    .prepare<
      [string],
      ConsentRow
    >('SELECT text_version, agreed_at, recorded_by, thumbnail_agreed FROM consents WHERE customer_id = ? AND withdrawn_at IS NULL')
    .get(customerId);
  return row === undefined ? null : toRecord(row);
}

/**
 * Records a new consent, replacing any current one (the old row is kept as withdrawn). When the new
 * consent no longer covers a thumbnail, the stored thumbnail is deleted in the same transaction.
 */
export function recordConsent(db: WritableDb, clock: Clock, consent: NewConsent): ConsentRecord {
  if (consent.textVersion !== CURRENT_CONSENT_VERSION) {
    throw new CommandError(
      'conflict',
      `The consent text has changed (now ${CURRENT_CONSENT_VERSION}, shown ${consent.textVersion}). Show the customer the current text and ask again.`,
    );
  }
  const at = isoAt(clock.now());
  return db.transaction(() => {
    requireCustomer(db, consent.customerId);
    db.prepare('UPDATE consents SET withdrawn_at = ? WHERE customer_id = ? AND withdrawn_at IS NULL').run(
      at,
      consent.customerId,
    );
    db.prepare(
      'INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed) VALUES (?, ?, ?, ?, ?)',
    ).run(consent.customerId, consent.textVersion, at, consent.recordedBy, consent.thumbnailAgreed ? 1 : 0);
    if (!consent.thumbnailAgreed) {
      db.prepare('DELETE FROM customer_thumbnails WHERE customer_id = ?').run(consent.customerId);
    }
    appendAudit(db, clock, {
      actor: consent.recordedBy,
      action: 'consent.recorded',
      details: {
        customerId: consent.customerId,
        textVersion: consent.textVersion,
        thumbnailAgreed: consent.thumbnailAgreed,
      },
    });
    return {
      textVersion: consent.textVersion,
      agreedAt: at,
      recordedBy: consent.recordedBy,
      thumbnailAgreed: consent.thumbnailAgreed,
    };
  })();
}

export interface WithdrawOutcome {
  /** False when there was no current consent to withdraw. */
  readonly withdrawn: boolean;
  readonly templatesDeleted: number;
  readonly thumbnailDeleted: boolean;
  readonly visitsDeleted: number;
}

/** Ends the current consent and deletes the templates, thumbnail and visits that depended on it, in one transaction. */
export function withdrawConsent(db: WritableDb, clock: Clock, customerId: string, actor: string): WithdrawOutcome {
  const at = isoAt(clock.now());
  return db.transaction((): WithdrawOutcome => {
    requireCustomer(db, customerId);
    const withdrawn =
      db
        .prepare('UPDATE consents SET withdrawn_at = ? WHERE customer_id = ? AND withdrawn_at IS NULL')
        .run(at, customerId).changes > 0;
    const templatesDeleted = db.prepare('DELETE FROM face_templates WHERE customer_id = ?').run(customerId).changes;
    const thumbnailDeleted =
      db.prepare('DELETE FROM customer_thumbnails WHERE customer_id = ?').run(customerId).changes > 0;
    const visitsDeleted = db.prepare('DELETE FROM visits WHERE customer_id = ?').run(customerId).changes;
    appendAudit(db, clock, {
      actor,
      action: 'consent.withdrawn',
      details: { customerId, withdrawn, templatesDeleted, thumbnailDeleted, visitsDeleted },
    });
    return { withdrawn, templatesDeleted, thumbnailDeleted, visitsDeleted };
  })();
}
