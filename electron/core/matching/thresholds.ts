/**
 * Match thresholds per embedding model: a probe is taken for an enrolled person only when its
 * cosine similarity to that person's best template is ABOVE the threshold. Templates carry their
 * model id, and so does the threshold, because scores of different models are not comparable.
 */

/**
 * human 3.3.6 FaceRes (1024-d, cosine of L2-normalised descriptors), measured with
 * electron/core/vision/calibrate.ts on the shared photos:
 * - LFW, 10 people x 10 photos: genuine mean 0.693 (n=450), impostor mean 0.447 (n=4500, max 0.678).
 *   FAR 1e-3 at 0.647 (TAR 0.764); FAR 1e-2 at 0.610 (TAR 0.884).
 * - BBT, 8 people x 5 grey crops: genuine mean 0.665 (n=80), impostor mean 0.400 (n=700, max 0.612).
 *   FAR <= 1e-3 at 0.612 (TAR 0.662); FAR 1e-2 at 0.575 (TAR 0.850).
 * - Gallery of 3 templates per person, rank-1: LFW 0.986 (70 probes), BBT 1.000 (16 probes).
 * Chosen 0.66: pair FAR 4e-4 on LFW; with 3 templates 67 of 70 LFW probes (0.957) and 13 of 16 BBT
 * probes are accepted as the right person, none as the wrong one; treated as strangers, 1 of 70 LFW
 * probes scored above it against the other 9 people. A stranger meets every enrolled person, so the
 * false-accept risk grows with the gallery: recognition should also want agreement over several frames.
 */
export const HUMAN_FACERES_THRESHOLD = 0.66;

const THRESHOLDS: Readonly<Record<string, number>> = {
  'human-faceres-3.3.6': HUMAN_FACERES_THRESHOLD,
};

/** The calibrated threshold for a model id; unknown models have none (never guess one). */
export function matchThresholdFor(modelId: string): number {
  const threshold = THRESHOLDS[modelId];
  if (threshold === undefined) throw new Error(`No calibrated match threshold for model '${modelId}'`);
  return threshold;
}
