/**
 * Pipeline parity: the ONNX engine against human itself (human-reference.ts) on real photos — every LFW photo
 * in ../shared/data/faces/identities/lfw plus a sample of the detection photos. On at least 95 % of
 * human's faces: the same face found, box IoU >= 0.9, embedding cosine >= 0.99, same gender, age within 2 years,
 * the same top emotion. A failing check lists the images where the engines differ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertModels } from '../../../../native-models/src/convert-models.js';
import { memoryLogger } from '../../logger.js';
import { dot, normalise } from '../../matching/similarity.js';
import { iou } from '../box-overlap.js';
import { decodeJpeg } from '../decode.js';
import type { Box, DetectedFace, FaceEngine, RgbFrame } from '../types.js';
import { createOnnxEngine } from './onnx-engine.js';
import { createHumanReference, type HumanReference, type ReferenceFace } from './testing/human-reference.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const faces = path.resolve(repoRoot, '../shared/data/faces');

function photosIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every LFW photo, plus a sample of the others: expressions, two group photos, a photo with no face. */
const PHOTOS = [
  ...photosIn(path.join(faces, 'identities/lfw')),
  ...photosIn(path.join(faces, 'detection/bbt/expressions')),
  ...['bbt/group_photos/bbt1.jpg', 'dlib/faces/2008_002470.jpg', 'dlib/no_face/dog.jpg'].map((f) =>
    path.join(faces, 'detection', f),
  ),
];

/** human-engine's face box from human's enlarged crop box. */
function referenceBox(face: ReferenceFace, frame: RgbFrame): Box {
  const [rx, ry, rw, rh] = face.boxRaw;
  const cx = (rx + rw / 2) * frame.width;
  const cy = (ry + rh / 2) * frame.height;
  const w = (rw * frame.width) / 1.4;
  const h = (rh * frame.height) / 1.4;
  const x0 = Math.max(0, Math.round(cx - w / 2));
  const y0 = Math.max(0, Math.round(cy - h / 2));
  const x1 = Math.min(frame.width, Math.round(cx + w / 2));
  const y1 = Math.min(frame.height, Math.round(cy + h / 2));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

interface Comparison {
  readonly image: string;
  readonly found: boolean;
  readonly iou: number;
  readonly cosine: number;
  readonly sameGender: boolean;
  readonly ageDiff: number;
  readonly sameEmotion: boolean;
}

describe('ONNX engine parity with human', () => {
  let onnx: FaceEngine;
  let human: HumanReference;
  const comparisons: Comparison[] = [];
  let extraFaces: string[] = [];

  beforeAll(async () => {
    convertModels(); // a no-op when postinstall already converted them
    // FaceRes, the recogniser human runs: the dlib one has no human counterpart (onnx-engine.dlib.test.ts).
    onnx = await createOnnxEngine({ logger: memoryLogger(), recogniser: 'faceres' });
    human = await createHumanReference();
    for (const file of PHOTOS) {
      const image = path.relative(faces, file);
      const frame = await decodeJpeg(readFileSync(file));
      const theirs = await human.detect(frame);
      const ours = await onnx.detect(frame, { embed: true });
      const used = new Set<DetectedFace>();
      for (const ref of theirs) {
        const box = referenceBox(ref, frame);
        const best = ours
          .filter((f) => !used.has(f))
          .map((f) => ({ f, overlap: iou(f.box, box) }))
          .sort((a, b) => b.overlap - a.overlap)[0];
        if (!best || best.overlap < 0.5) {
          comparisons.push({
            image,
            found: false,
            iou: 0,
            cosine: 0,
            sameGender: false,
            ageDiff: 99,
            sameEmotion: false,
          });
          continue;
        }
        used.add(best.f);
        const top = ref.emotion[0]?.score ?? 0;
        const topLabels = ref.emotion.filter((e) => e.score === top).map((e) => e.emotion);
        comparisons.push({
          image,
          found: true,
          iou: best.overlap,
          cosine: best.f.embedding ? dot(best.f.embedding, normalise(ref.embedding)) : 0,
          sameGender: best.f.gender?.label === ref.gender,
          ageDiff: Math.abs((best.f.age ?? -99) - ref.age),
          sameEmotion: topLabels.includes(best.f.emotion?.label ?? 'none'),
        });
      }
      extraFaces = extraFaces.concat(ours.filter((f) => !used.has(f)).map(() => image));
    }
    const summary = (key: 'iou' | 'cosine' | 'ageDiff') => {
      const values = comparisons
        .filter((c) => c.found)
        .map((c) => c[key])
        .sort((a, b) => a - b);
      return `${key} min ${values[0]?.toFixed(4)} median ${values[Math.floor(values.length / 2)]?.toFixed(4)} max ${values.at(-1)?.toFixed(4)}`;
    };
    console.log(
      `parity over ${comparisons.length} faces: ${summary('iou')}; ${summary('cosine')}; ${summary('ageDiff')}`,
    );
  }, 600_000);

  afterAll(async () => {
    await onnx?.close();
  });

  function expectOnMostFaces(what: string, ok: (c: Comparison) => boolean): void {
    const failing = comparisons.filter((c) => !ok(c));
    const rate = 1 - failing.length / comparisons.length;
    const message = `${what}: ${failing.length} of ${comparisons.length} faces differ: ${failing.map((c) => c.image).join(', ')}`;
    expect(rate, message).toBeGreaterThanOrEqual(0.95);
  }

  it('compares a face in every photo', () => {
    expect(comparisons.length).toBeGreaterThanOrEqual(PHOTOS.length);
  });

  it('finds the same faces as human and no others', () => {
    expectOnMostFaces('found', (c) => c.found);
    expect(extraFaces.length / comparisons.length, `faces only ONNX found: ${extraFaces.join(', ')}`).toBeLessThan(
      0.05,
    );
  });

  it('puts the box where human does (IoU >= 0.9)', () => {
    expectOnMostFaces('box IoU', (c) => c.iou >= 0.9);
  });

  it('computes the embedding human computes (cosine >= 0.99)', () => {
    expectOnMostFaces('embedding cosine', (c) => c.cosine >= 0.99);
  });

  it('reads the same gender', () => {
    expectOnMostFaces('gender', (c) => c.sameGender);
  });

  it('reads the age within 2 years', () => {
    expectOnMostFaces('age', (c) => c.ageDiff <= 2);
  });

  it('reads the same top emotion', () => {
    expectOnMostFaces('emotion', (c) => c.sameEmotion);
  });

  it('reports anti-spoofing and liveness scores in 0..1 for embedded faces', async () => {
    const frame = await decodeJpeg(readFileSync(PHOTOS[0] as string));
    const [face] = await onnx.detect(frame, { embed: true });
    expect(face?.realScore).toBeGreaterThanOrEqual(0);
    expect(face?.realScore).toBeLessThanOrEqual(1);
    expect(face?.liveScore).toBeGreaterThanOrEqual(0);
    expect(face?.liveScore).toBeLessThanOrEqual(1);
  });

  it("uses human's model id with FaceRes, since its embeddings are human's", () => {
    expect(onnx.modelId).toBe(`human-faceres-${human.version}`);
  });
});
