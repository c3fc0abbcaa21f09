import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../electron/core/logger.js';
import { DLIB_RESNET_THRESHOLD } from '../../electron/core/matching/thresholds.js';
import { createHumanEngine } from '../../electron/core/vision/human-engine.js';
import type { FaceEngine } from '../../electron/core/vision/types.js';
import { ageGroupOf, evaluateDemographics, readLabels } from './demographics-eval.js';
import { equalErrorRate, evaluateFaces, identification } from './face-eval.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const faces = path.resolve(root, '../shared/data/faces');
const run = promisify(execFile);

describe('face evaluation maths', () => {
  it('puts the equal error rate where misses and false accepts balance', () => {
    expect(equalErrorRate([0.9, 0.8, 0.7, 0.4], [0.1, 0.2, 0.3, 0.75])).toBeCloseTo(0.25, 5);
    expect(equalErrorRate([0.9, 0.8], [0.1, 0.2])).toBe(0);
  });

  it('counts rank-1 over probes with another photo, and strangers above the threshold', () => {
    const e = (...xs: number[]) => new Float32Array(xs);
    const { rank1, falseAcceptRate } = identification(
      [
        { label: 'a', embedding: e(1, 0) },
        { label: 'a', embedding: e(0.8, 0.6) },
        { label: 'b', embedding: e(0.6, 0.8) },
      ],
      0.9,
    );
    expect(rank1).toBe(0.5); // the second 'a' is nearer to 'b' (0.96) than to the first 'a' (0.8)
    expect(falseAcceptRate).toBeCloseTo(2 / 3, 5);
  });

  it('maps ages to FairFace groups', () => {
    expect([1, 3, 9.9, 10, 29, 69.9, 70, 95].map(ageGroupOf)).toEqual([
      '0-2',
      '3-9',
      '3-9',
      '10-19',
      '20-29',
      '60-69',
      '70+',
      '70+',
    ]);
  });

  it('reads the FairFace labels and refuses a bad age group with the line number', async () => {
    const labels = await readLabels(path.join(faces, 'age-gender/fairface-dev/labels.csv'));
    expect(labels).toHaveLength(270);
    expect(labels[0]).toMatchObject({ ageGroup: '50-59', gender: 'male' });
    await expect(readLabels(path.join(faces, 'identities/bbt/labels.csv'))).rejects.toThrow(/line 2/);
  });
});

describe('evaluation tools on real photos', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await createHumanEngine({ logger: memoryLogger() });
  }, 180_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('evaluates face recognition on a small LFW subset with every key', async () => {
    const result = await evaluateFaces({
      dataset: path.join(faces, 'identities/lfw'),
      engine,
      threshold: 0.65,
      maxPeople: 3,
      maxPerPerson: 3,
    });
    expect(Object.keys(result).sort()).toEqual(
      [
        'images',
        'detected',
        'genuine_pairs',
        'impostor_pairs',
        'tar_at_far_1e-2',
        'tar_at_far_1e-3',
        'eer',
        'rank1',
        'false_accept_rate_at_threshold',
        'threshold',
        'backend',
      ].sort(),
    );
    expect(result).toMatchObject({ images: 9, detected: 9, genuine_pairs: 9, impostor_pairs: 27, backend: 'human' });
    expect(result.rank1).toBeGreaterThanOrEqual(0.8);
  });

  it('evaluates age and gender on a FairFace subset', async () => {
    const result = await evaluateDemographics({
      labels: path.join(faces, 'age-gender/fairface-dev/labels.csv'),
      engine,
      limit: 8,
    });
    expect(result.images).toBe(8);
    expect(result.detected).toBeGreaterThanOrEqual(6);
    expect(result.gender_accuracy).toBeGreaterThan(0.5);
    expect(Object.values(result.by_group.gender).reduce((n, g) => n + g.images, 0)).toBe(8);
  });

  it('runs eval:faces from the command line and says what is missing', async () => {
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const failure = await run(tsx, ['scripts/eval/faces.ts'], { cwd: root }).catch((e: { stderr: string }) => e);
    expect('stderr' in failure ? failure.stderr : '').toMatch(/--dataset DIR/);
    const { stdout } = await run(
      tsx,
      [
        'scripts/eval/faces.ts',
        '--dataset',
        path.join(faces, 'identities/lfw'),
        '--people',
        '2',
        '--per-person',
        '2',
        '--json',
      ],
      { cwd: root },
    );
    // The product's engine by default: ONNX with the dlib recogniser, and that model's shipped threshold.
    expect(JSON.parse(stdout)).toMatchObject({
      images: 4,
      genuine_pairs: 2,
      impostor_pairs: 4,
      threshold: DLIB_RESNET_THRESHOLD,
      backend: 'onnx',
    });
  }, 120_000);
});
