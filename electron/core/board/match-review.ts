/**
 * A clerk confirming a match ("Is this Anna K.?" — yes / not her), recorded on the visit with the clerk's name.
 * Until a pending match is confirmed the customer display shows nothing personal; a rejected one never leaves the
 * board's history. Two clerks answering at once: the first answer wins, the same answer again is harmless, and a
 * contradicting one is refused with a sentence saying who answered what.
 */
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { ReadableDb, WritableDb } from '../store/database.js';
import { agoPhrase } from './ago.js';

export type MatchStatus = 'auto' | 'pending' | 'confirmed' | 'rejected';

export interface ReviewedVisit {
  readonly visitId: number;
  readonly customerId: string;
  readonly firstName: string;
  readonly cameraId: string;
  readonly match: 'confirmed' | 'rejected';
  /** False when the same answer had already been given (nothing changed). */
  readonly changed: boolean;
}

interface VisitRow {
  customer_id: string;
  first_name: string;
  last_name: string;
  camera_id: string;
  match_status: MatchStatus;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** Sets the match status of a visit just recorded (in the caller's transaction). */
export function setMatchStatus(db: WritableDb, visitId: number, status: 'auto' | 'pending'): void {
  db.prepare('UPDATE visits SET match_status = ? WHERE id = ?').run(status, visitId);
}

export function matchStatus(db: ReadableDb, visitId: number): MatchStatus | null {
  const value: unknown = db.prepare('SELECT match_status FROM visits WHERE id = ?').pluck().get(visitId);
  return typeof value === 'string' ? (value as MatchStatus) : null;
}

export function reviewMatch(
  db: WritableDb,
  clock: Clock,
  visitId: number,
  confirmed: boolean,
  clerk: string,
): ReviewedVisit {
  const answer = confirmed ? 'confirmed' : 'rejected';
  return db.transaction((): ReviewedVisit => {
    const row = db
      .prepare<[number], VisitRow>(
        `SELECT v.customer_id, c.first_name, c.last_name, v.camera_id, v.match_status, v.reviewed_by, v.reviewed_at
           FROM visits v JOIN customers c ON c.id = v.customer_id WHERE v.id = ?`,
      )
      .get(visitId);
    if (row === undefined) {
      throw new CommandError('not_found', `There is no visit ${visitId} any more; the board will refresh itself.`);
    }
    const base = { visitId, customerId: row.customer_id, firstName: row.first_name, cameraId: row.camera_id };
    if (row.match_status === answer) return { ...base, match: answer, changed: false };
    if (row.match_status === 'confirmed' || row.match_status === 'rejected') {
      const who = `${row.first_name} ${row.last_name.charAt(0)}.`.trim();
      const said = row.match_status === 'confirmed' ? `confirmed this is ${who}` : `said this is not ${who}`;
      const when = row.reviewed_at === null ? '' : ` ${agoPhrase(row.reviewed_at, clock.now())}`;
      throw new CommandError('conflict', `${row.reviewed_by ?? 'Another clerk'} already ${said}${when}.`);
    }
    // 'pending', or 'auto' (confirmation was off): a clerk can still confirm or correct the match.
    db.prepare('UPDATE visits SET match_status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?').run(
      answer,
      clerk,
      isoAt(clock.now()),
      visitId,
    );
    return { ...base, match: answer, changed: true };
  })();
}
