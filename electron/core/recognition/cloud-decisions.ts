/**
 * The cloud's part in live recognition, by the manager's cloud mode. "Local first, cloud second opinion": a track
 * the local votes decided is checked with the decided frame's face crop (SearchFacesByImage); the visit is recorded
 * only when the cloud names the same customer, and when the cloud cannot be reached or throttles, the local
 * decision stands and the fallback is logged and shown in the admin's cloud section. "Cloud only": undecided tracks
 * are decided by the cloud's answer (recognition-pipeline.ts asks at most once per track every 2 s). Local only:
 * nothing here runs. Crops live only for the call; nothing is stored.
 */
import type { CloudMode } from '../../contract/desktop.js';
import type { Logger } from '../logger.js';
import type { Matcher } from '../matching/matcher.js';
import { CloudMatchError } from '../matching/rekognition/rekognition-matcher.js';
import type { CloudTrackLookup, FaceCrop, Recognition } from './recognition-pipeline.js';

/** Mode "cloud only": the least time between two questions about the same track. */
export const CLOUD_LOOKUP_INTERVAL_MS = 2000;

export interface CloudDecisionDeps {
  readonly cloud: {
    settings(): { readonly mode: CloudMode };
    cloudMatcher(): Promise<Matcher | null>;
    reportProblem(message: string | null): void;
  };
  readonly logger: Logger;
}

export type SecondOpinion =
  /** Not asked: local only, cloud only (the cloud already decided), or no credentials. */
  | 'not-asked'
  | 'agrees'
  | 'disagrees'
  /** The cloud could not answer: the local decision stands. */
  | 'fell-back';

/** The cloud's answer for one crop: the customer it names, or null. Throws CloudMatchError when it cannot answer. */
async function search(matcher: Matcher, jpeg: Uint8Array): Promise<{ customerId: string | null; score: number }> {
  // The cloud matcher looks at the image only; the embedding is for local matchers.
  const decision = await matcher.identify({ embedding: new Float32Array(0), jpeg: () => Promise.resolve(jpeg) });
  return { customerId: decision.customerId, score: decision.score };
}

/** Mode "local first, cloud second opinion": does the cloud confirm a local decision? */
export async function secondOpinion(
  deps: CloudDecisionDeps,
  recognition: Recognition,
  crop: FaceCrop,
): Promise<SecondOpinion> {
  if (deps.cloud.settings().mode !== 'local-then-cloud') return 'not-asked';
  const matcher = await deps.cloud.cloudMatcher();
  if (matcher === null) return 'not-asked';
  const { cameraId, trackId, customerId } = recognition;
  try {
    const answer = await search(matcher, await crop());
    if (answer.customerId === customerId) return 'agrees';
    // Who the cloud named instead is not logged: a stranger's lookup leaves no identity behind.
    deps.logger.warn('the cloud did not confirm a local recognition; no visit recorded', {
      cameraId,
      trackId,
      cloudNamedSomeone: answer.customerId !== null,
    });
    return 'disagrees';
  } catch (error) {
    if (!(error instanceof CloudMatchError)) throw error;
    deps.cloud.reportProblem(error.message);
    deps.logger.warn('cloud second opinion unavailable; the local decision was used', {
      cameraId,
      trackId,
      kind: error.kind,
    });
    return 'fell-back';
  }
}

/**
 * Passes a local decision on to `proceed` when the mode allows it: at once in local-only and cloud-only modes (in
 * the latter the cloud made the decision), after the cloud agreed (or could not answer) in second-opinion mode.
 */
export function decideWithCloud(
  deps: CloudDecisionDeps,
  recognition: Recognition,
  crop: FaceCrop,
  proceed: (recognition: Recognition) => void,
): void {
  if (deps.cloud.settings().mode !== 'local-then-cloud') {
    proceed(recognition);
    return;
  }
  secondOpinion(deps, recognition, crop)
    .then((opinion) => {
      if (opinion !== 'disagrees') proceed(recognition);
    })
    .catch((error: unknown) => {
      deps.logger.error('cloud second opinion failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
}

/** Mode "cloud only" for the recognition pipeline: the cloud's answer decides an undecided track. */
export function cloudTrackLookup(deps: CloudDecisionDeps): CloudTrackLookup {
  return {
    active: () => deps.cloud.settings().mode === 'cloud',
    intervalMs: CLOUD_LOOKUP_INTERVAL_MS,
    async identify(jpeg) {
      const matcher = await deps.cloud.cloudMatcher();
      if (matcher === null) return null;
      try {
        const answer = await search(matcher, jpeg);
        return answer.customerId === null ? null : { customerId: answer.customerId, score: answer.score };
      } catch (error) {
        if (!(error instanceof CloudMatchError)) throw error;
        // The track stays undecided and is asked about again after the interval.
        deps.cloud.reportProblem(error.message);
        deps.logger.warn('cloud lookup failed; the track stays undecided', { kind: error.kind });
        return null;
      }
    },
  };
}
