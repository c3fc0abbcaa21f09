import { describe, expect, it } from 'vitest';
import { faceSharpness, greyCrop, laplacianVariance } from './sharpness.js';
import type { RgbFrame } from './types.js';

function frameOf(width: number, height: number, grey: (x: number, y: number) => number): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.fill(grey(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  return { width, height, data };
}

/** A 3x3 box blur of the grey levels, to compare the same content sharp and soft. */
function boxBlur(frame: RgbFrame): RgbFrame {
  const at = (x: number, y: number) =>
    frame.data[
      (Math.min(frame.height - 1, Math.max(0, y)) * frame.width + Math.min(frame.width - 1, Math.max(0, x))) * 3
    ] ?? 0;
  return frameOf(frame.width, frame.height, (x, y) => {
    let s = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += at(x + dx, y + dy);
    return Math.round(s / 9);
  });
}

describe('sharpness', () => {
  it('is zero on a flat image', () => {
    const flat = frameOf(200, 200, () => 128);
    expect(faceSharpness(flat, { x: 20, y: 20, width: 150, height: 150 })).toBe(0);
  });

  it('is higher for a sharp pattern than for the same pattern blurred', () => {
    const sharp = frameOf(224, 224, (x, y) => ((Math.floor(x / 4) + Math.floor(y / 4)) % 2 ? 220 : 30));
    const soft = boxBlur(sharp);
    const box = { x: 0, y: 0, width: 224, height: 224 };
    expect(faceSharpness(sharp, box)).toBeGreaterThan(3 * faceSharpness(soft, box));
  });

  it('measures the Laplacian variance exactly on a known image', () => {
    // A single bright pixel in the centre of a 3x3 image: one interior Laplacian value, variance 0.
    expect(laplacianVariance(new Uint8Array([0, 0, 0, 0, 10, 0, 0, 0, 0]), 3, 3)).toBe(0);
    // 4x3 with interior values -40 and 10: variance = 625.
    const img = new Uint8Array([0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0]);
    expect(laplacianVariance(img, 4, 3)).toBeCloseTo(625, 9);
  });

  it('resamples any face box to the same crop size and clamps it to the frame', () => {
    const frame = frameOf(100, 80, (x) => x);
    const crop = greyCrop(frame, { x: -10, y: -10, width: 50, height: 50 }, 16);
    expect(crop.length).toBe(256);
    expect(crop[0]).toBeGreaterThanOrEqual(0);
    expect(crop[15]).toBeLessThan(40);
  });
});
