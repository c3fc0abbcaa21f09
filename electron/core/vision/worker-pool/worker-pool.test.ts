import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger.js';
import { dot } from '../../matching/similarity.js';
import { decodeJpeg } from '../decode.js';
import { FrameDroppedError, type RgbFrame } from '../types.js';
import { createWorkerPool, type WorkerPoolEngine } from './worker-pool.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const lfw = (person: string, n: number) =>
  path.join(repoRoot, '../shared/data/faces/identities/lfw', person, `${person}_${String(n).padStart(4, '0')}.jpg`);

describe('worker pool', () => {
  let pool: WorkerPoolEngine;
  let frame: RgbFrame;

  beforeAll(async () => {
    // One worker keeps the test light on a 2-core CI machine; sizing to the cores is the default elsewhere.
    pool = await createWorkerPool({ engine: { backend: 'human' }, logger: memoryLogger(), size: 1 });
    frame = await decodeJpeg(await readFile(lfw('Colin_Powell', 1)));
  }, 180_000);

  afterAll(async () => {
    await pool?.close();
  });

  it('runs the engine in a worker thread and reports its model', async () => {
    expect(pool.backend).toBe('human');
    expect(pool.modelId).toBe('human-faceres-3.3.6');
    const faces = await pool.detect(frame, { embed: true });
    expect(faces).toHaveLength(1);
    expect(faces[0]?.embedding?.length).toBe(1024);
    expect(faces[0]?.landmarks).toBeDefined();
  });

  it('embeds only the faces embedIf selects, with the same embedding as a full pass', async () => {
    const full = await pool.detect(frame, { embed: true });
    const none = await pool.detect(frame, { embed: true, embedIf: () => false });
    expect(none[0]?.embedding).toBeNull();
    const some = await pool.detect(frame, { embed: true, embedIf: (face) => face.box.width > 50 });
    // The second step crops from the reported (whole-pixel) box, not the detector's exact one: cosine > 0.995.
    expect(
      dot(some[0]?.embedding ?? new Float32Array(1024), full[0]?.embedding ?? new Float32Array(1024)),
    ).toBeGreaterThan(0.995);
  });

  it('drops stale frames of a lane instead of queueing them, so memory stays flat', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const outcomes: Promise<string>[] = [];
    // 300 frames at once. The pool copies a frame's pixels only when a worker takes it: queued, the copies
    // would add 56 MB; with stale frames dropped, one waits and one or two are copied.
    for (let i = 0; i < 300; i++) {
      outcomes.push(
        pool.detect(frame, { embed: false, lane: 'cam-1' }).then(
          () => 'analysed',
          (error: unknown) => (error instanceof FrameDroppedError ? 'dropped' : 'failed'),
        ),
      );
      expect(pool.stats().waiting).toBeLessThanOrEqual(1);
    }
    const settled = await Promise.all(outcomes);
    const analysed = settled.filter((s) => s === 'analysed').length;
    expect(settled.filter((s) => s === 'failed')).toHaveLength(0);
    expect(analysed).toBeGreaterThanOrEqual(1);
    expect(analysed).toBeLessThanOrEqual(2);
    expect(settled.at(-1)).toBe('analysed');
    expect(pool.stats().dropped).toBeGreaterThanOrEqual(298);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('never drops a call without a lane (enrolment)', async () => {
    const results = await Promise.all([1, 2, 3].map(() => pool.detect(frame, { embed: false })));
    expect(results.map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it('starts the onnx backend in a worker, or says clearly that its models must be converted first', async () => {
    const outcome = await createWorkerPool({ engine: { backend: 'onnx' }, logger: memoryLogger(), size: 1 }).then(
      async (onnx) => {
        const faces = await onnx.detect(frame, { embed: false });
        await onnx.close();
        return `found ${faces.length}`;
      },
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(outcome).toMatch(/^(found 1|ONNX models not converted: run npm run models)/);
  });
});
