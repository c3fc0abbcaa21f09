/**
 * Chooses between the local and the cloud matcher by mode: local only (the default), cloud only, or local first
 * with the cloud as a second opinion when the local matcher names nobody. When the cloud cannot be reached or is
 * throttling, the local answer is used and the decision says so (`note`), and `onProblem` tells the admin window.
 */
import type { CloudMode } from '../../../contract/desktop.js';
import type { FaceProbe, MatchDecision, Matcher } from '../matcher.js';
import { CloudMatchError } from './rekognition-matcher.js';

export interface HybridMatcherOptions {
  readonly local: Matcher;
  /** Null when the cloud is not configured (no credentials): every mode then matches locally. */
  readonly cloud: Matcher | null;
  mode(): CloudMode;
  onProblem(message: string | null): void;
}

export function createHybridMatcher(options: HybridMatcherOptions): Matcher {
  const { local } = options;

  const withFallback = async (probe: FaceProbe, localAnswer: MatchDecision | null): Promise<MatchDecision> => {
    const cloud = options.cloud;
    if (cloud === null) return localAnswer ?? local.identify(probe);
    try {
      const answer = await cloud.identify(probe);
      options.onProblem(null);
      return answer;
    } catch (error) {
      if (!(error instanceof CloudMatchError)) throw error;
      options.onProblem(error.message);
      const fallback = localAnswer ?? (await local.identify(probe));
      return { ...fallback, note: error.message };
    }
  };

  return {
    async identify(probe) {
      const mode = options.mode();
      switch (mode) {
        case 'local':
          return local.identify(probe);
        case 'cloud':
          return withFallback(probe, null);
        case 'local-then-cloud': {
          const first = await local.identify(probe);
          // A clear local match is the answer; the cloud is asked only about faces the local gallery does not name.
          if (first.customerId !== null) return first;
          return withFallback(probe, first);
        }
        default: {
          const unreachable: never = mode;
          throw new Error(`Unknown cloud mode ${String(unreachable)}`);
        }
      }
    },
    async enrol(customerId, faces) {
      const localCount = await local.enrol(customerId, faces);
      if (options.cloud === null || options.mode() === 'local') return localCount;
      return localCount + (await options.cloud.enrol(customerId, faces));
    },
    async erase(customerId) {
      const localCount = await local.erase(customerId);
      // Erasure reaches the cloud whatever the mode: faces indexed while a cloud mode was on must go too.
      if (options.cloud === null) return localCount;
      return localCount + (await options.cloud.erase(customerId));
    },
  };
}
