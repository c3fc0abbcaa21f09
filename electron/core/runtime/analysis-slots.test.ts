import { describe, expect, it } from 'vitest';
import type { FaceEngine } from '../vision/types.js';
import { analysisSlotsFor } from './analysis-slots.js';

const engine: FaceEngine = {
  backend: 'human',
  modelId: 'm',
  embeddingSize: 4,
  detect: () => Promise.resolve([]),
  close: () => Promise.resolve(),
};

describe('analysis slots', () => {
  it('gives one slot per worker of a pool and one to an in-process engine', () => {
    expect(analysisSlotsFor(engine)).toBe(1);
    expect(analysisSlotsFor({ ...engine, stats: () => ({ workers: 2, busy: 0 }) } as FaceEngine)).toBe(2);
    expect(analysisSlotsFor({ ...engine, stats: () => ({ workers: 0 }) } as FaceEngine)).toBe(1);
  });
});
