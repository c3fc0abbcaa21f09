/**
 * The local matcher behind the `Matcher` interface: the enrolled gallery in memory, the same threshold and margin
 * rule the recognition pipeline uses. Enrolment and erasure of templates happen in the enrolment and erasure
 * services (they own the database); here they only report what the gallery holds.
 */
import type { Gallery } from './gallery.js';
import type { FaceProbe, MatchDecision, Matcher } from './matcher.js';

export interface LocalMatchRule {
  readonly threshold: number;
  readonly margin: number;
}

export function createLocalMatcher(gallery: Gallery, rule: LocalMatchRule): Matcher {
  return {
    identify(probe: FaceProbe): Promise<MatchDecision> {
      const { best, second } = gallery.match(probe.embedding);
      const clear =
        best !== null && best.score >= rule.threshold && (second === null || best.score - second.score >= rule.margin);
      return Promise.resolve({
        customerId: clear ? best.customerId : null,
        score: best?.score ?? 0,
        source: 'local',
        note: null,
      });
    },
    enrol: () => Promise.resolve(0),
    erase: (customerId) => Promise.resolve(gallery.removePerson(customerId)),
  };
}
