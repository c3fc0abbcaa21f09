/** The per-model figures scripts/eval/compare-recognisers.ts reports, and its `--dataset` list: pure helpers. */
import { UsageError } from './cli-args.js';
import type { FaceEvalResult } from './face-eval.js';

/** The figures the comparison reports per model (the keys of issue 3). */
export const COMPARED_KEYS = ['tar_at_far_1e-2', 'tar_at_far_1e-3', 'eer', 'rank1', 'detected'] as const;
export type ComparedFigures = Record<(typeof COMPARED_KEYS)[number], number> & { readonly images: number };

export function comparedFigures(result: FaceEvalResult): ComparedFigures {
  return {
    'tar_at_far_1e-2': result['tar_at_far_1e-2'],
    'tar_at_far_1e-3': result['tar_at_far_1e-3'],
    eer: result.eer,
    rank1: result.rank1,
    detected: result.detected,
    images: result.images,
  };
}

/** Every `--dataset` value, in order. */
export function datasetOptions(argv: readonly string[]): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    if (arg !== '--dataset') return;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError('--dataset needs a value.');
    out.push(value);
  });
  if (out.length === 0) throw new UsageError('Say which photos to evaluate with --dataset DIR.');
  return out;
}
