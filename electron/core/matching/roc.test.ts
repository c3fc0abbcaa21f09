import { describe, expect, it } from 'vitest';
import { pairScores, rateAbove, summarise, thresholdAtFar } from './roc.js';

describe('roc', () => {
  const impostor = Array.from({ length: 1000 }, (_, i) => i / 1000); // 0.000 .. 0.999

  it('picks the threshold that lets at most the allowed share of impostors through', () => {
    const t = thresholdAtFar(impostor, 0.01);
    expect(t).toBeCloseTo(0.989, 9);
    expect(rateAbove(impostor, t)).toBeLessThanOrEqual(0.01);
    expect(rateAbove(impostor, t)).toBeCloseTo(0.01, 9);
  });

  it('lets no impostor through when the set is too small to resolve the rate', () => {
    const t = thresholdAtFar([0.1, 0.5, 0.3], 0.001);
    expect(t).toBe(0.5);
    expect(rateAbove([0.1, 0.5, 0.3], t)).toBe(0);
  });

  it('splits labelled samples into genuine and impostor pairs, each pair once', () => {
    const e = (x: number) => new Float32Array([x]);
    const { genuine, impostor: imp } = pairScores(
      [
        { label: 'a', embedding: e(1) },
        { label: 'a', embedding: e(2) },
        { label: 'b', embedding: e(3) },
      ],
      (p, q) => (p[0] ?? 0) * (q[0] ?? 0),
    );
    expect(genuine).toEqual([2]);
    expect(imp.sort()).toEqual([3, 6]);
  });

  it('summarises scores', () => {
    expect(summarise([1, 2, 3])).toEqual({ count: 3, mean: 2, min: 1, max: 3 });
  });
});
