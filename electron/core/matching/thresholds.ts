/**
 * Match thresholds per embedding model: a probe is taken for an enrolled person only when its
 * cosine similarity to that person's best template is ABOVE the threshold. Templates carry their
 * model id, and so does the threshold, because scores of different models are not comparable.
 */

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

const THRESHOLDS: Readonly<Record<string, number>> = {
  'human-faceres-3.3.6': HUMAN_FACERES_THRESHOLD,
};

/** The calibrated threshold for a model id; unknown models have none (never guess one). */
export function matchThresholdFor(modelId: string): number {
  const threshold = THRESHOLDS[modelId];
  if (threshold === undefined) throw new Error(`No calibrated match threshold for model '${modelId}'`);
  return threshold;
}
