/**
 * What happens after a clerk says "not this person" (the pickup board's onMatchRejected): the rejection is stored
 * (ids and scores only), the customer's matching bar goes up (RejectionMemory), and the live track it came from
 * goes back to undecided without that customer, so they are not proposed again for that visit.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { WritableDb } from '../store/database.js';
import { recordMatchRejection } from '../store/match-rejections.js';
import { getVisit } from '../store/visits.js';
import type { RecognitionPipeline } from './recognition-pipeline.js';
import type { RejectionMemory } from './rejection-memory.js';

export interface RejectedMatch {
  readonly visitId: number;
  readonly customerId: string;
  readonly cameraId: string;
  /** The pipeline's track, when still known (null after a restart: then every live track decided for them). */
  readonly trackId: number | null;
  readonly clerk: string;
}

export interface MatchRejectionDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly memory: RejectionMemory;
  readonly pipeline: () => RecognitionPipeline | null;
  readonly logger: Logger;
}

/** Applies one rejection; returns how many live tracks went back to undecided. */
export function applyMatchRejection(deps: MatchRejectionDeps, rejection: RejectedMatch): number {
  const visit = getVisit(deps.db, rejection.visitId);
  const stored = recordMatchRejection(deps.db, deps.clock, {
    visitId: rejection.visitId,
    customerId: rejection.customerId,
    cameraId: rejection.cameraId,
    score: visit?.score ?? 0,
    clerk: rejection.clerk,
  });
  // The same visit rejected twice counts once.
  if (stored) deps.memory.record(rejection.customerId);
  const tracks = deps.pipeline()?.reject(rejection.cameraId, rejection.customerId, rejection.trackId) ?? 0;
  deps.logger.info('match rejected', {
    visitId: rejection.visitId,
    tracks,
    rejections: deps.memory.rejections(rejection.customerId),
  });
  return tracks;
}
