/**
 * What a benchmark section is: a named measurement that reports progress on stderr and returns figures. Sections
 * measure ours against the alternative in the same run, so the numbers printed side by side are comparable.
 */

export interface BenchContext {
  /** A line of progress for the person waiting (stderr; never mixed into the results). */
  progress(message: string): void;
  /** Arguments after the section options, e.g. `--quick`. */
  readonly args: readonly string[];
  /** Fewer iterations: for a smoke run in CI, never for published figures. */
  readonly quick: boolean;
}

/** A table row printed for people: a label and columns of figures. */
export interface BenchRow {
  readonly label: string;
  readonly values: Readonly<Record<string, number | string>>;
}

export interface BenchOutcome {
  /** Merged into the JSON result at the top level (keep keys stable: releases are compared on them). */
  readonly json: Readonly<Record<string, unknown>>;
  /** Printed side by side for people. */
  readonly rows: readonly BenchRow[];
}

export interface BenchSection {
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<BenchOutcome>;
}

/** Percentile of a list of numbers (nearest rank), for latency figures. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
