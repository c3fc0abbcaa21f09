/**
 * The ONNX engine's alternate descriptors (FaceRes's, beside dlib's) cross the worker pool's thread boundary
 * intact: the same values as the engine gives on the main thread, on both the one-step path and the two-step
 * `embedIf` path. Needs the converted models (npm run models), as the ONNX engine does.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lfwPhoto } from '../../../../e2e/support/paths.js';
import { memoryLogger } from '../../logger.js';
import { decodeJpeg } from '../decode.js';
import { createOnnxEngine } from '../onnx/onnx-engine.js';
import type { FaceEngine, RgbFrame } from '../types.js';
import { createWorkerPool, type WorkerPoolEngine } from './worker-pool.js';

const FACERES = 'human-faceres-3.3.6';

describe('the worker pool with the ONNX engine', () => {
  let pool: WorkerPoolEngine;
  let local: FaceEngine;
  let frame: RgbFrame;

  beforeAll(async () => {
    // One worker with one thread keeps the test light on a 2-core CI machine.
    [pool, local] = await Promise.all([
      createWorkerPool({ engine: { backend: 'onnx', threads: 1 }, logger: memoryLogger(), size: 1 }),
      createOnnxEngine({ logger: memoryLogger(), threads: 1 }),
    ]);
    frame = await decodeJpeg(await readFile(lfwPhoto('Colin_Powell', 1)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([pool?.close(), local?.close()]);
  });

  it('returns each face with its FaceRes descriptor exactly as the engine computes it', async () => {
    const [expected] = await local.detect(frame, { embed: true });
    const reference = expected?.alternateEmbeddings?.[FACERES];
    if (!reference) throw new Error('the ONNX engine gave no FaceRes descriptor');
    const [direct] = await pool.detect(frame, { embed: true });
    expect(direct?.alternateEmbeddings?.[FACERES]).toBeInstanceOf(Float32Array);
    expect(direct?.alternateEmbeddings?.[FACERES]).toEqual(reference);
    expect(direct?.embedding).toEqual(expected?.embedding);
    // Two steps (detect in a worker, choose here, embed in a worker): the alternate comes back with the embedding.
    const [chosen] = await pool.detect(frame, { embed: true, embedIf: () => true });
    expect(chosen?.alternateEmbeddings?.[FACERES]).toHaveLength(1024);
    expect(Object.keys(chosen?.alternateEmbeddings ?? {})).toEqual([FACERES]);
  });
});
