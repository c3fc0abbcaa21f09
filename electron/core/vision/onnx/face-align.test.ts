/**
 * The face chip alignment: the similarity fit recovers a known transform, the warp samples the right pixels, and
 * the chip template is where the ONNX engine's BlazeFace really finds the keypoints on dlib's own aligned chips.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertModels } from '../../../../native-models/src/convert-models.js';
import { memoryLogger } from '../../logger.js';
import { decodeJpeg, padFrame } from '../decode.js';
import type { FaceEngine, RgbFrame } from '../types.js';
import { CHIP_SIZE, CHIP_TEMPLATE, fitSimilarity, templatePoints, warpChip, type Point } from './face-align.js';
import { createOnnxEngine } from './onnx-engine.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dlibChips = path.resolve(repoRoot, '../shared/data/faces/identities/dlib');

function apply(t: { a: number; b: number; tx: number; ty: number }, p: Point): Point {
  return { x: t.a * p.x - t.b * p.y + t.tx, y: t.b * p.x + t.a * p.y + t.ty };
}

/** A frame whose pixel (x, y) is (x, y, 7), so a sample shows where it came from. */
function coordinateFrame(width: number, height: number): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 7], (y * width + x) * 3);
  return { width, height, data };
}

describe('fitSimilarity', () => {
  it('recovers a rotation, scale and shift exactly from four point pairs', () => {
    const angle = (20 * Math.PI) / 180;
    const truth = { a: 1.7 * Math.cos(angle), b: 1.7 * Math.sin(angle), tx: -31, ty: 12.5 };
    const from = [
      { x: 10, y: 20 },
      { x: 80, y: 25 },
      { x: 45, y: 60 },
      { x: 44, y: 95 },
    ];
    const fitted = fitSimilarity(
      from,
      from.map((p) => apply(truth, p)),
    );
    expect(fitted.a).toBeCloseTo(truth.a, 9);
    expect(fitted.b).toBeCloseTo(truth.b, 9);
    expect(fitted.tx).toBeCloseTo(truth.tx, 9);
    expect(fitted.ty).toBeCloseTo(truth.ty, 9);
  });

  it('refuses points that coincide, saying why', () => {
    const same = [
      { x: 5, y: 5 },
      { x: 5, y: 5 },
    ];
    expect(() => fitSimilarity(same, CHIP_TEMPLATE.slice(0, 2))).toThrow(/coincide/);
  });
});

describe('warpChip', () => {
  const frame = coordinateFrame(200, 120);

  it('copies the frame under a pure shift and fills what lies outside it with 0', () => {
    const chip = warpChip(frame, { a: 1, b: 0, tx: -30, ty: -10 }, 150);
    // chip (0, 0) is frame (30, 10); chip (149, 0) is frame (179, 10); chip row 110 is frame row 120: outside.
    expect(Array.from(chip.subarray(0, 3))).toEqual([30, 10, 7]);
    expect(Array.from(chip.subarray(149 * 3, 150 * 3))).toEqual([179, 10, 7]);
    expect(Array.from(chip.subarray((110 * 150 + 5) * 3, (110 * 150 + 6) * 3))).toEqual([0, 0, 0]);
  });

  it('samples between pixels bilinearly and follows a rotation', () => {
    // Half scale: chip (x, y) reads frame (2x, 2y) — then a quarter turn: chip = [0 -1; 1 0] * frame + (100, 0).
    expect(Array.from(warpChip(frame, { a: 0.5, b: 0, tx: 0.25, ty: 0 }, 4).subarray(3, 6))).toEqual([1.5, 0, 7]);
    const turned = warpChip(frame, { a: 0, b: 1, tx: 100, ty: 0 }, 150);
    // frame (x, y) lands on chip (100 - y, x): chip (90, 40) shows frame (40, 10).
    expect(Array.from(turned.subarray((40 * 150 + 90) * 3, (40 * 150 + 91) * 3))).toEqual([40, 10, 7]);
  });
});

describe('the chip template', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    convertModels();
    engine = await createOnnxEngine({ logger: memoryLogger(), recogniser: 'faceres' });
  }, 120_000);
  afterAll(async () => engine.close());

  it("is where BlazeFace finds the eyes, nose and mouth on dlib's own 150 px chips", async () => {
    const people = readdirSync(dlibChips, { withFileTypes: true }).filter((d) => d.isDirectory());
    const found: Point[][] = [];
    for (const person of people) {
      for (const file of readdirSync(path.join(dlibChips, person.name)).sort()) {
        const chip = await decodeJpeg(readFileSync(path.join(dlibChips, person.name, file)));
        expect(chip.width).toBe(CHIP_SIZE);
        // The chips are cropped tight: a grey border gives the detector the context it needs.
        const pad = 75;
        const [face] = await engine.detect(padFrame(chip, pad), { embed: false });
        if (!face?.landmarks) continue;
        found.push(templatePoints(face.landmarks).map((p) => ({ x: p.x - pad, y: p.y - pad })));
      }
    }
    expect(found.length).toBeGreaterThanOrEqual(50);
    CHIP_TEMPLATE.forEach((expected, k) => {
      const mean = (axis: 'x' | 'y') =>
        found.reduce((sum, points) => sum + (points[k] as Point)[axis], 0) / found.length;
      expect(Math.abs(mean('x') - expected.x), `keypoint ${k} x`).toBeLessThan(1);
      expect(Math.abs(mean('y') - expected.y), `keypoint ${k} y`).toBeLessThan(1);
    });
  }, 120_000);
});
