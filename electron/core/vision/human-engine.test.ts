import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger.js';
import { dot, l2Norm } from '../matching/similarity.js';
import { decodeJpeg } from './decode.js';
import { createHumanEngine } from './human-engine.js';
import { checkEnrolmentSample } from './quality-gate.js';
import type { FaceEngine, RgbFrame } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const faces = path.resolve(repoRoot, '../shared/data/faces');
const lfw = (person: string, n: number) =>
  path.join(faces, 'identities/lfw', person, `${person}_${String(n).padStart(4, '0')}.jpg`);

async function frameOf(file: string): Promise<RgbFrame> {
  return decodeJpeg(await readFile(file));
}

/** The face nearest the centre: LFW photos are centred on their subject. */
async function centralEmbedding(engine: FaceEngine, file: string): Promise<Float32Array> {
  const frame = await frameOf(file);
  const found = await engine.detect(frame, { embed: true });
  const centre = (b: { x: number; width: number }) => Math.abs(b.x + b.width / 2 - frame.width / 2);
  const face = [...found].sort((a, b) => centre(a.box) - centre(b.box))[0];
  if (!face?.embedding) throw new Error(`no face in ${file}`);
  return face.embedding;
}

describe('human face engine', () => {
  let engine: FaceEngine;
  const logger = memoryLogger();

  beforeAll(async () => {
    engine = await createHumanEngine({ logger });
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
  });

  it('identifies its model and logs that it is ready', () => {
    expect(engine.backend).toBe('human');
    expect(engine.modelId).toBe('human-faceres-3.3.6');
    expect(engine.embeddingSize).toBe(1024);
    expect(logger.lines.some((l) => l.message === 'face engine ready')).toBe(true);
  });

  it('finds exactly one face with a unit-length 1024-d embedding in an LFW photo', async () => {
    const frame = await frameOf(lfw('Colin_Powell', 1));
    const found = await engine.detect(frame, { embed: true });
    expect(found).toHaveLength(1);
    const [face] = found;
    expect(face?.embedding?.length).toBe(1024);
    expect(l2Norm(face?.embedding ?? [])).toBeCloseTo(1, 5);
    expect(face?.score).toBeGreaterThan(0.7);
    // LFW faces are ~90-125 px wide and roughly centred in the 250 px photo.
    expect(face?.box.width).toBeGreaterThan(80);
    expect(face?.box.width).toBeLessThan(140);
    expect(Math.abs((face?.box.x ?? 0) + (face?.box.width ?? 0) / 2 - 125)).toBeLessThan(30);
    expect(face?.sharpness).toBeGreaterThan(10);
  });

  it('returns no embedding when asked for detection only', async () => {
    const found = await engine.detect(await frameOf(lfw('Colin_Powell', 1)), { embed: false });
    expect(found).toHaveLength(1);
    expect(found[0]?.embedding).toBeNull();
  });

  it('scores two photos of the same person higher than photos of different people', async () => {
    const blair1 = await centralEmbedding(engine, lfw('Tony_Blair', 1));
    const blair2 = await centralEmbedding(engine, lfw('Tony_Blair', 2));
    const powell = await centralEmbedding(engine, lfw('Colin_Powell', 1));
    const putin = await centralEmbedding(engine, lfw('Vladimir_Putin', 1));
    const same = dot(blair1, blair2);
    expect(same).toBeGreaterThan(dot(blair1, powell));
    expect(same).toBeGreaterThan(dot(blair1, putin));
    expect(same).toBeGreaterThan(dot(blair2, powell));
  });

  it('finds two faces in two_people.jpg, which the enrolment gate rejects as several_faces', async () => {
    const frame = await frameOf(path.join(faces, 'edge-cases/examples/two_people.jpg'));
    const found = await engine.detect(frame, { embed: false });
    expect(found.filter((f) => f.score > 0.6)).toHaveLength(2);
    expect(checkEnrolmentSample(found, frame)).toMatchObject({ ok: false, reason: 'several_faces' });
  });

  it('finds no face in a blank image', async () => {
    const frame = await frameOf(path.join(faces, 'detection/bbt/no_face/white.png'));
    expect(await engine.detect(frame, { embed: true })).toEqual([]);
  });

  it('lets the gate call a downscaled face too_small', async () => {
    const small = await sharp(await readFile(lfw('Colin_Powell', 1)))
      .resize(125)
      .jpeg()
      .toBuffer();
    const frame = await decodeJpeg(small);
    const found = await engine.detect(frame, { embed: false });
    expect(found).toHaveLength(1);
    const check = checkEnrolmentSample(found, frame);
    expect(check).toMatchObject({ ok: false, reason: 'too_small' });
    if (!check.ok) expect(check.message).toMatch(/^Move closer: the face is \d+ px wide, at least 80 px needed\.$/);
  });

  it('lets the gate call a blurred face too_blurry while the sharp original passes', async () => {
    const bytes = await readFile(lfw('Colin_Powell', 1));
    const sharpFrame = await decodeJpeg(bytes);
    expect(checkEnrolmentSample(await engine.detect(sharpFrame, { embed: false }), sharpFrame).ok).toBe(true);
    const blurred = await decodeJpeg(await sharp(bytes).blur(4).jpeg().toBuffer());
    const found = await engine.detect(blurred, { embed: false });
    expect(found).toHaveLength(1);
    expect(checkEnrolmentSample(found, blurred)).toMatchObject({ ok: false, reason: 'too_blurry' });
  });

  it('reports boxes in the pixels of the frame it was given', async () => {
    const bytes = await readFile(lfw('Colin_Powell', 1));
    const [base] = await engine.detect(await decodeJpeg(bytes), { embed: false });
    const [double] = await engine.detect(await decodeJpeg(await sharp(bytes).resize(500).jpeg().toBuffer()), {
      embed: false,
    });
    expect(double?.box.width).toBeCloseTo(2 * (base?.box.width ?? 0), -1);
    expect(double?.box.x).toBeCloseTo(2 * (base?.box.x ?? 0), -1);
  });

  it('rejects a frame whose byte count does not match its size', async () => {
    await expect(engine.detect({ width: 10, height: 10, data: new Uint8Array(10) }, { embed: false })).rejects.toThrow(
      /Invalid RgbFrame/,
    );
  });

  it('keeps the number of tensors flat across 200 calls', async () => {
    const tf = createRequire(import.meta.url)('@tensorflow/tfjs-core') as typeof TfCore;
    const frame = await decodeJpeg(await readFile(lfw('Hugo_Chavez', 1)), { maxWidth: 160 });
    await engine.detect(frame, { embed: true });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) await engine.detect(frame, { embed: i % 20 === 0 });
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
