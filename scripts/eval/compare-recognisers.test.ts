import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dot, l2Norm } from '../../electron/core/matching/similarity.js';
import { UsageError } from './cli-args.js';
import { comparedFigures, datasetOptions } from './compare-figures.js';
import { createFaceApiEmbedder, toDetectedFaces, type FaceApiEmbedder } from './face-api-embedder.js';
import type { FaceEvalResult } from './face-eval.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lfw = path.resolve(root, '../shared/data/faces/identities/lfw');

describe('recogniser comparison helpers', () => {
  it('keeps every --dataset in order and refuses a missing one with a sentence', () => {
    expect(datasetOptions(['--dataset', 'a', '--json', '--dataset', 'b'])).toEqual(['a', 'b']);
    expect(() => datasetOptions(['--json'])).toThrow(UsageError);
    expect(() => datasetOptions(['--dataset', '--json'])).toThrow('--dataset needs a value.');
  });

  it('reports the issue keys of an eval result and the photo count', () => {
    const result: FaceEvalResult = {
      images: 100,
      detected: 98,
      genuine_pairs: 441,
      impostor_pairs: 4312,
      'tar_at_far_1e-2': 0.9,
      'tar_at_far_1e-3': 0.8,
      eer: 0.03,
      rank1: 1,
      false_accept_rate_at_threshold: 0,
      threshold: 0.6,
      backend: 'face-api',
    };
    expect(comparedFigures(result)).toEqual({
      'tar_at_far_1e-2': 0.9,
      'tar_at_far_1e-3': 0.8,
      eer: 0.03,
      rank1: 1,
      detected: 98,
      images: 100,
    });
  });

  it("turns face-api's results into faces with unit-length embeddings and the same boxes", () => {
    const [face] = toDetectedFaces([
      { detection: { score: 0.9, box: { x: 1, y: 2, width: 30, height: 40 } }, descriptor: new Float32Array([3, 4]) },
    ]);
    expect(face?.box).toEqual({ x: 1, y: 2, width: 30, height: 40 });
    expect(face?.score).toBe(0.9);
    expect(face?.embedding && l2Norm(face.embedding)).toBeCloseTo(1, 6);
    expect(Array.from(face?.embedding ?? [])).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });
});

describe("face-api's recogniser on real photos", () => {
  let embedder: FaceApiEmbedder;
  beforeAll(async () => {
    embedder = await createFaceApiEmbedder();
  }, 120_000);
  afterAll(async () => {
    await embedder?.close();
  });

  it('scores two photos of one person above a photo of another', async () => {
    const files = [
      'Ariel_Sharon/Ariel_Sharon_0001.jpg',
      'Ariel_Sharon/Ariel_Sharon_0002.jpg',
      'Colin_Powell/Colin_Powell_0001.jpg',
    ];
    const embeddings: (Float32Array | null)[] = [];
    for (const file of files) embeddings.push(await embedder.embed(path.join(lfw, file)));
    const [a1, a2, b] = embeddings;
    if (!a1 || !a2 || !b) throw new Error('face-api found no face in an LFW photo');
    expect(a1).toHaveLength(128);
    expect(dot(a1, a2)).toBeGreaterThan(dot(a1, b));
    expect(dot(a1, a2)).toBeGreaterThan(dot(a2, b));
  }, 120_000);
});
