/**
 * Verification statistics for calibrating a match threshold from genuine (same person) and impostor
 * (different people) similarity scores. Pure functions; the calibration script feeds them.
 */

/**
 * The lowest threshold whose false accept rate is at most `far`, with "accept" meaning
 * score > threshold: the k-th highest impostor score where k = floor(far * impostors). With too few
 * impostors to resolve `far` (k = 0) it is the highest impostor score, i.e. no impostor passes.
 */
export function thresholdAtFar(impostor: readonly number[], far: number): number {
  if (impostor.length === 0) throw new Error('No impostor scores to calibrate on');
  const sorted = [...impostor].sort((a, b) => b - a);
  const allowed = Math.floor(far * sorted.length);
  return sorted[allowed] ?? sorted[sorted.length - 1] ?? 0;
}

/** Fraction of scores strictly above the threshold (TAR for genuine scores, FAR for impostors). */
export function rateAbove(scores: readonly number[], threshold: number): number {
  if (scores.length === 0) return 0;
  return scores.filter((s) => s > threshold).length / scores.length;
}

export interface ScoreSummary {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export function summarise(scores: readonly number[]): ScoreSummary {
  if (scores.length === 0) return { count: 0, mean: Number.NaN, min: Number.NaN, max: Number.NaN };
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    sum += s;
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  return { count: scores.length, mean: sum / scores.length, min, max };
}

/** All genuine and impostor pair scores among labelled samples (each unordered pair once). */
export function pairScores(
  samples: readonly { readonly label: string; readonly embedding: Float32Array }[],
  similarity: (a: Float32Array, b: Float32Array) => number,
): { genuine: number[]; impostor: number[] } {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const a = samples[i];
      const b = samples[j];
      if (!a || !b) continue;
      (a.label === b.label ? genuine : impostor).push(similarity(a.embedding, b.embedding));
    }
  }
  return { genuine, impostor };
}
