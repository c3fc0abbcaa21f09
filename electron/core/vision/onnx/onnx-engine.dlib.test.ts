/**
 * The ONNX engine with its default recogniser, dlib's ResNet-128 on aligned chips: its model id and descriptor
 * size, that it tells the same person from others on real LFW photos at the shipped threshold, that a face
 * handed over without keypoints is aligned on the matching detection, and that a missing model is a clear error.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertModels } from '../../../../native-models/src/convert-models.js';
import { memoryLogger } from '../../logger.js';
import { dot } from '../../matching/similarity.js';
import { matchThresholdFor, trackingSimilaritiesFor } from '../../matching/thresholds.js';
import { decodeJpeg } from '../decode.js';
import type { FaceEngine } from '../types.js';
import { locateModelFiles } from './model-files.js';
import { createOnnxEngine } from './onnx-engine.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const lfw = (person: string, n: number) =>
  path.resolve(repoRoot, '../shared/data/faces/identities/lfw', person, `${person}_${String(n).padStart(4, '0')}.jpg`);

async function embedding(engine: FaceEngine, file: string): Promise<Float32Array> {
  const faces = await engine.detect(await decodeJpeg(readFileSync(file)), { embed: true });
  // LFW photos are centred on their subject; bystanders are smaller.
  const subject = [...faces].sort((a, b) => b.box.width - a.box.width)[0];
  if (!subject?.embedding) throw new Error(`no face embedded in ${file}`);
  return subject.embedding;
}

describe('the ONNX engine with the dlib recogniser', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    convertModels();
    engine = await createOnnxEngine({ logger: memoryLogger() });
  }, 120_000);
  afterAll(async () => engine.close());

  it('is the default, with its own model id and unit-length 128-d descriptors', async () => {
    expect(engine.modelId).toBe('dlib-resnet128-face-api-1.7.15-chip1');
    expect(engine.embeddingSize).toBe(128);
    const e = await embedding(engine, lfw('Colin_Powell', 1));
    expect(e).toHaveLength(128);
    expect(dot(e, e)).toBeCloseTo(1, 5);
  });

  it('scores the same person above the shipped threshold and other people below it', async () => {
    const threshold = matchThresholdFor(engine.modelId);
    const powell = [1, 2, 3].map((n) => lfw('Colin_Powell', n));
    const others = [lfw('George_W_Bush', 1), lfw('Tony_Blair', 1), lfw('Hugo_Chavez', 1), lfw('Donald_Rumsfeld', 1)];
    const [a, b, c] = await Promise.all(powell.map((f) => embedding(engine, f)));
    const strangers = await Promise.all(others.map((f) => embedding(engine, f)));
    for (const [x, y] of [
      [a, b],
      [a, c],
      [b, c],
    ] as const) {
      expect(dot(x as Float32Array, y as Float32Array)).toBeGreaterThan(threshold);
    }
    strangers.forEach((s, i) => {
      expect(dot(a as Float32Array, s), `Colin_Powell vs ${others[i]}`).toBeLessThan(threshold);
    });
  });

  it('gives the tracker bars on its own scale: the same face a frame later joins, other people do not', async () => {
    const { sameFaceSimilarity, otherFaceSimilarity } = trackingSimilaritiesFor(engine.modelId);
    const photo = readFileSync(lfw('Colin_Powell', 1));
    // The next camera frame: the person moved a few pixels and the light changed a little.
    const moved = await sharp(photo)
      .extract({ left: 6, top: 4, width: 240, height: 240 })
      .modulate({ brightness: 1.08 })
      .jpeg()
      .toBuffer();
    const [now] = await engine.detect(await decodeJpeg(photo), { embed: true });
    const [next] = await engine.detect(await decodeJpeg(moved), { embed: true });
    if (!now?.embedding || !next?.embedding) throw new Error('no face embedded');
    expect(dot(now.embedding, next.embedding)).toBeGreaterThanOrEqual(sameFaceSimilarity);
    for (const other of [lfw('George_W_Bush', 1), lfw('Tony_Blair', 1), lfw('Donald_Rumsfeld', 1)]) {
      expect(dot(now.embedding, await embedding(engine, other)), other).toBeLessThan(sameFaceSimilarity);
    }
    expect(otherFaceSimilarity).toBeLessThan(matchThresholdFor(engine.modelId));
  });

  it('aligns a face handed over without keypoints on the detection it overlaps', async () => {
    const frame = await decodeJpeg(readFileSync(lfw('Tony_Blair', 2)));
    const [detected] = await engine.detect(frame, { embed: true });
    if (!detected?.embedding) throw new Error('no face in the photo');
    const { landmarks: _dropped, ...withoutKeypoints } = detected;
    const [again] = (await engine.embedFaces?.(frame, [{ ...withoutKeypoints, embedding: null }])) ?? [];
    expect(dot(again?.embedding ?? new Float32Array(128), detected.embedding)).toBeGreaterThan(0.999);
    // Where no detection overlaps the box, there is nothing to align on: no descriptor rather than a wrong one.
    const [nowhere] =
      (await engine.embedFaces?.(frame, [{ ...withoutKeypoints, box: { x: 0, y: 0, width: 20, height: 20 } }])) ?? [];
    expect(nowhere?.embedding).toBeNull();
  });
});

describe('without the converted dlib model', () => {
  let dir: string;
  beforeAll(() => {
    convertModels();
    // The real converted models, minus dlibres: what an install without the face-api dev dependency has.
    const files = locateModelFiles();
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-no-dlib-'));
    const manifest = JSON.parse(readFileSync(path.join(files.dir, 'manifest.json'), 'utf8')) as {
      models: Record<string, { file: string }>;
    };
    delete manifest.models.dlibres;
    for (const entry of Object.values(manifest.models))
      symlinkSync(path.join(files.dir, entry.file), path.join(dir, entry.file));
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('falls back to FaceRes with a warning when no recogniser was asked for', async () => {
    const logger = memoryLogger();
    const engine = await createOnnxEngine({ logger, modelsDir: dir });
    try {
      expect(engine.modelId).toBe('human-faceres-3.3.6');
      expect(
        logger.lines.some((e) => e.level === 'warn' && /dlib face recogniser was not converted/.test(e.message)),
      ).toBe(true);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('refuses to start when dlib was asked for, saying what to run', async () => {
    await expect(createOnnxEngine({ logger: memoryLogger(), modelsDir: dir, recogniser: 'dlib' })).rejects.toThrow(
      /dlibres\.onnx\) is missing.*npm run models/s,
    );
  });
});
