import { describe, expect, it } from 'vitest';
import { cosine, dot, l2Norm, normalise } from './similarity.js';

describe('similarity', () => {
  it('computes the dot product and the L2 norm', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(l2Norm([3, 4])).toBe(5);
  });

  it('normalises to unit length without changing direction', () => {
    const n = normalise(new Float32Array([3, 0, 4]));
    expect(Array.from(n)).toEqual([expect.closeTo(0.6, 6), 0, expect.closeTo(0.8, 6)]);
    expect(l2Norm(n)).toBeCloseTo(1, 6);
  });

  it('refuses to normalise a zero or non-finite vector', () => {
    expect(() => normalise([0, 0, 0])).toThrow(/zero or non-finite/);
    expect(() => normalise([1, Number.NaN])).toThrow(/zero or non-finite/);
  });

  it('gives cosine 1 for the same direction, 0 for orthogonal and -1 for opposite vectors', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1, 9);
    expect(cosine([1, 0], [0, 5])).toBeCloseTo(0, 9);
    expect(cosine([1, 1], [-2, -2])).toBeCloseTo(-1, 9);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => dot([1, 2], [1, 2, 3])).toThrow(/differ in length/);
  });
});
