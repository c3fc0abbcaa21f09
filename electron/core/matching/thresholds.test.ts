/**
 * Per-model match rules: each shipped model id has its calibrated threshold, margin and rejection steps; the dlib
 * recogniser's are on its own (compressed) score scale; a model without calibration has no rule at all.
 */
import { describe, expect, it } from 'vitest';
import {
  DLIB_RESNET_THRESHOLD,
  HUMAN_FACERES_THRESHOLD,
  matchRuleFor,
  matchThresholdFor,
  trackingSimilaritiesFor,
} from './thresholds.js';

describe('match rules per model', () => {
  it('gives FaceRes and the dlib recogniser each their own calibrated threshold', () => {
    expect(matchThresholdFor('human-faceres-3.3.6')).toBe(HUMAN_FACERES_THRESHOLD);
    expect(matchThresholdFor('dlib-resnet128-face-api-1.7.15-chip1')).toBe(DLIB_RESNET_THRESHOLD);
    expect(DLIB_RESNET_THRESHOLD).toBeGreaterThan(HUMAN_FACERES_THRESHOLD);
  });

  it("scales the dlib recogniser's margin and rejection steps to its closer scores", () => {
    const faceres = matchRuleFor('human-faceres-3.3.6');
    const dlib = matchRuleFor('dlib-resnet128-face-api-1.7.15-chip1');
    expect(faceres).toEqual({ threshold: 0.65, margin: 0.03, rejection: { step: 0.02, maxRaise: 0.08 } });
    expect(dlib.margin).toBeLessThan(faceres.margin);
    expect(dlib.rejection.step).toBeLessThan(faceres.rejection.step);
    // Even the most rejected customer stays reachable: the raised bar stays below a perfect score.
    expect(dlib.threshold + dlib.rejection.maxRaise).toBeLessThan(1);
  });

  it("keeps each model's tracker bars between 'someone else' and 'the same face', around its threshold", () => {
    for (const modelId of ['human-faceres-3.3.6', 'dlib-resnet128-face-api-1.7.15-chip1']) {
      const { sameFaceSimilarity, otherFaceSimilarity } = trackingSimilaritiesFor(modelId);
      expect(otherFaceSimilarity).toBeLessThan(matchThresholdFor(modelId));
      expect(sameFaceSimilarity).toBeGreaterThan(matchThresholdFor(modelId));
    }
    expect(() => trackingSimilaritiesFor('some-other-model')).toThrow(/No tracking similarities/);
  });

  it('refuses to guess a rule for a model nobody calibrated', () => {
    expect(() => matchRuleFor('some-other-model')).toThrow(/No calibrated match rule for model 'some-other-model'/);
    expect(() => matchThresholdFor('some-other-model')).toThrow(/No calibrated match threshold/);
  });
});
