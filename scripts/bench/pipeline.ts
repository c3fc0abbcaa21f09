/**
 * Bench section `pipeline`: the face pipeline's latency per stage (detect; embed with attributes) and in total,
 * p50 and p95, on the same two 640x480 frames for both engines side by side: one face close up, and four faces (a
 * 2x2 mosaic of LFW photos). Then frames per second through the worker pool with 1 and 2 workers. When the ONNX
 * models are not converted the section measures human only and says so.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createLogger } from '../../electron/core/logger.js';
import { decodeJpeg } from '../../electron/core/vision/decode.js';
import type { FaceEngine, RgbFrame } from '../../electron/core/vision/types.js';
import { createFaceEngine, type Backend } from '../../electron/core/vision/worker-pool/engine-factory.js';
import { createWorkerPool } from '../../electron/core/vision/worker-pool/worker-pool.js';
import { percentile, round, type BenchRow, type BenchSection } from './section.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const faces = path.resolve(root, '../shared/data/faces');
const logger = createLogger({ level: 'warn' });

async function oneFaceFrame(): Promise<RgbFrame> {
  const jpeg = await sharp(await readFile(path.join(faces, 'edge-cases/examples/obama-480p.jpg')))
    .resize(640, 480, { fit: 'cover' })
    .jpeg()
    .toBuffer();
  return decodeJpeg(jpeg);
}

async function fourFacesFrame(): Promise<RgbFrame> {
  const people = ['Colin_Powell', 'George_W_Bush', 'Hugo_Chavez', 'Tony_Blair'];
  const tiles = await Promise.all(
    people.map((p) =>
      sharp(path.join(faces, 'identities/lfw', p, `${p}_0001.jpg`))
        .resize(320, 240, { fit: 'cover' })
        .toBuffer(),
    ),
  );
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } })
    .composite(tiles.map((input, i) => ({ input, left: (i % 2) * 320, top: Math.floor(i / 2) * 240 })))
    .jpeg()
    .toBuffer();
  return decodeJpeg(jpeg);
}

interface StageFigures {
  faces: number;
  detect_p50_ms: number;
  detect_p95_ms: number;
  embed_p50_ms: number;
  embed_p95_ms: number;
  p50_ms: number;
  p95_ms: number;
}

async function stages(engine: FaceEngine, frame: RgbFrame, runs: number): Promise<StageFigures> {
  const detect: number[] = [];
  const embed: number[] = [];
  const total: number[] = [];
  let found = 0;
  await engine.detect(frame, { embed: true }); // warm-up
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const detected = await engine.detect(frame, { embed: false });
    detect.push(performance.now() - t0);
    found = detected.length;
    if (engine.embedFaces) {
      t0 = performance.now();
      await engine.embedFaces(frame, detected);
      embed.push(performance.now() - t0);
    }
    t0 = performance.now();
    await engine.detect(frame, { embed: true });
    total.push(performance.now() - t0);
  }
  const f = (xs: number[], p: number) => (xs.length > 0 ? round(percentile(xs, p), 1) : Number.NaN);
  return {
    faces: found,
    detect_p50_ms: f(detect, 50),
    detect_p95_ms: f(detect, 95),
    embed_p50_ms: f(embed, 50),
    embed_p95_ms: f(embed, 95),
    p50_ms: f(total, 50),
    p95_ms: f(total, 95),
  };
}

/** Frames per second through a pool of `size` workers, keeping every worker busy (two frames in flight each). */
async function poolFps(backend: Backend, size: number, frame: RgbFrame, frames: number): Promise<number> {
  const pool = await createWorkerPool({ engine: { backend, realness: true, threads: 1 }, logger, size });
  try {
    await Promise.all(Array.from({ length: size }, () => pool.detect(frame, { embed: true })));
    let submitted = 0;
    const t0 = performance.now();
    const lane = async () => {
      while (submitted < frames) {
        submitted += 1;
        await pool.detect(frame, { embed: true });
      }
    };
    await Promise.all(Array.from({ length: 2 * size }, lane));
    return round(frames / ((performance.now() - t0) / 1000), 1);
  } finally {
    await pool.close();
  }
}

export const pipelineSection: BenchSection = {
  name: 'pipeline',
  description: 'face pipeline latency per stage, one face and four faces, onnx vs human; pool fps with 1 and 2 workers',
  async run({ progress, quick }) {
    const runs = quick ? 5 : 30;
    const poolFrames = quick ? 10 : 60;
    const frames = { one_face: await oneFaceFrame(), four_faces: await fourFacesFrame() };
    const json: Record<string, unknown> = {};
    const rows: BenchRow[] = [];
    const available: Backend[] = [];
    for (const backend of ['onnx', 'human'] as const) {
      progress(`loading the ${backend} engine`);
      let engine: FaceEngine;
      try {
        // The full pipeline: detection, embedding, age/gender, anti-spoofing and liveness (and emotion on onnx).
        engine = await createFaceEngine({ backend, realness: true }, logger);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        progress(`${backend} not measured: ${message}`);
        json[backend] = { available: false, reason: message };
        continue;
      }
      available.push(backend);
      const figures: Record<string, unknown> = { available: true, model: engine.modelId };
      try {
        for (const [name, frame] of Object.entries(frames)) {
          progress(`${backend}: ${name} x ${runs}`);
          const measured = await stages(engine, frame, runs);
          figures[name] = measured;
          rows.push({ label: `${backend} ${name.replace('_', ' ')}`, values: { ...measured } });
        }
      } finally {
        await engine.close();
      }
      for (const size of [1, 2]) {
        progress(`${backend}: worker pool of ${size}, ${poolFrames} frames`);
        figures[`fps_${size}_worker${size > 1 ? 's' : ''}`] = await poolFps(backend, size, frames.one_face, poolFrames);
      }
      rows.push({
        label: `${backend} pool fps (one face)`,
        values: { '1 worker': String(figures.fps_1_worker), '2 workers': String(figures.fps_2_workers) },
      });
      json[backend] = figures;
    }
    const p50 = (backend: Backend, frame: string) =>
      (json[backend] as Record<string, StageFigures | undefined> | undefined)?.[frame]?.p50_ms ?? Number.NaN;
    const speedup = (frame: string) =>
      available.length === 2 ? round(p50('human', frame) / p50('onnx', frame), 2) : null;
    const speedups = { speedup_one_face: speedup('one_face'), speedup_four_faces: speedup('four_faces') };
    if (available.length < 2) json.note = `only ${available.join(', ') || 'no engine'} measured`;
    return { json: { pipeline: { ...json, ...speedups }, ...speedups }, rows };
  },
};
