/**
 * Match thresholds per embedding model: a probe is taken for an enrolled person only when its
 * cosine similarity to that person's best template is ABOVE the threshold. Templates carry their
 * model id, and so does the threshold, because scores of different models are not comparable.
 */
import type { RejectionRule } from '../recognition/rejection-memory.js';

/**
 * human 3.3.6 FaceRes (1024-d, cosine of L2-normalised descriptors); the ONNX engine runs the same converted model
 * under the same model id (parity-tested), so the same threshold holds for both.
 *
 * Calibrated with scripts/eval/calibrate-threshold.ts on every set under ../shared/data/faces/identities (LFW
 * 10 x 10, BBT 8 x 5 grey crops, dlib 55 photos): pairs within each set, impostor scores pooled (6,410 pairs).
 * Pooled FAR <= 1e-3 is reached at 0.6452 (measured FAR 0.00094), leaving TAR 0.771 on LFW, 0.964 on dlib and
 * 0.550 on BBT's grey 150 px crops; shipped rounded UP to 0.65 so the FAR stays at most 1e-3.
 * Per set (npm run eval:faces): LFW TAR 0.764 at FAR 1e-3 (threshold 0.647), 0.884 at 1e-2; rank-1 1.0; open-set
 * false-accept rate at 0.65 of 0.08 (each photo alone, as a stranger, against the 99 others). A stranger meets every
 * enrolled person, so the risk grows with the gallery: recognition also wants a 0.03 lead over the second-best
 * person and agreement over three frames, and clerks' rejections raise the bar per customer.
 */
export const HUMAN_FACERES_THRESHOLD = 0.65;

/**
 * dlib's ResNet-128 (face-api 1.7.15's weights) on our aligned 150 px chips (chip version 1), the ONNX engine's
 * default recogniser. Calibrated the same way (scripts/eval/calibrate-threshold.ts, the same 6,410 pooled impostor
 * pairs): pooled FAR <= 1e-3 at 0.9235 (measured FAR 0.00094), leaving TAR 0.936 on LFW, 1.000 on dlib and 0.700
 * on BBT's grey crops; shipped rounded up to 0.925. Its scores crowd near 1 (dlib's own Euclidean 0.6 is cosine
 * 0.82), which is why this threshold is so much higher than FaceRes's.
 */
export const DLIB_RESNET_THRESHOLD = 0.925;

/**
 * Everything a match decision needs, per model: the threshold, the lead over the second-best person, and how
 * much each clerk's rejection raises a customer's bar. FaceRes's margin (0.03) and rejection step (0.02, at most
 * 0.08) were set on its score spread; dlib's scores crowd about three times closer (measured on LFW and dlib
 * photos: impostor median to 99.9th percentile 0.843-0.915 against FaceRes's 0.435-0.642; median lead of a
 * genuine best match over the best other person 0.067 against 0.202), so its margin and steps are a third.
 */
export interface ModelMatchRule {
  readonly threshold: number;
  readonly margin: number;
  readonly rejection: RejectionRule;
}

/**
 * The face tracker's two similarity bars, per model (recognition/face-tracker.ts): at or above `sameFace` a face
 * joins a track it does not overlap; below `otherFace` a face that overlaps a track is someone else. FaceRes's
 * (0.7 and 0.35) sit just above its threshold and below its impostors' median (0.435). dlib's scores crowd near
 * 1, where FaceRes's bars would merge two different people (its impostors' median is 0.843) and never split
 * crossing ones; its bars sit at the same places on its own scale.
 */
export interface TrackingSimilarities {
  readonly sameFaceSimilarity: number;
  readonly otherFaceSimilarity: number;
}

/** One row per calibrated model: everything that depends on its score scale lives together. */
const MODELS: Readonly<Record<string, ModelMatchRule & { readonly tracking: TrackingSimilarities }>> = {
  'human-faceres-3.3.6': {
    threshold: HUMAN_FACERES_THRESHOLD,
    margin: 0.03,
    rejection: { step: 0.02, maxRaise: 0.08 },
    tracking: { sameFaceSimilarity: 0.7, otherFaceSimilarity: 0.35 },
  },
  'dlib-resnet128-face-api-1.7.15-chip1': {
    threshold: DLIB_RESNET_THRESHOLD,
    margin: 0.01,
    rejection: { step: 0.007, maxRaise: 0.028 },
    tracking: { sameFaceSimilarity: 0.94, otherFaceSimilarity: 0.82 },
  },
};

/** A model's row; unknown models have none (never guess one), and the error names what was asked for. */
function calibrated(modelId: string, what: string) {
  const row = MODELS[modelId];
  if (row === undefined) throw new Error(`No ${what} for model '${modelId}'`);
  return row;
}

/** The calibrated match rule for a model id. */
export function matchRuleFor(modelId: string): ModelMatchRule {
  const { threshold, margin, rejection } = calibrated(modelId, 'calibrated match rule');
  return { threshold, margin, rejection };
}

/** The tracker's similarity bars for a model id. */
export function trackingSimilaritiesFor(modelId: string): TrackingSimilarities {
  return calibrated(modelId, 'tracking similarities').tracking;
}

/** The calibrated threshold for a model id. */
export function matchThresholdFor(modelId: string): number {
  return calibrated(modelId, 'calibrated match threshold').threshold;
}
