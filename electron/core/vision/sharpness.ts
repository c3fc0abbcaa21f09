/**
 * Face sharpness as the variance of the Laplacian over the grey face crop. Pure: no tensors, no I/O.
 *
 * The crop is resampled to a fixed size first, so the number measures blur relative to the face
 * (what matters for recognition) and a large sharp face does not score higher than a small sharp one
 * merely because it has more pixels.
 */
import type { Box, RgbFrame } from './types.js';

/** Side of the square grey crop the Laplacian is measured on. */
export const SHARPNESS_CROP_SIZE = 112;

/** ITU-R BT.601 luma, the usual grey conversion. */
function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

function greyAt(frame: RgbFrame, x: number, y: number): number {
  const i = (y * frame.width + x) * 3;
  return luma(frame.data[i] ?? 0, frame.data[i + 1] ?? 0, frame.data[i + 2] ?? 0);
}

/**
 * The grey crop of `box` (clamped to the frame) resampled to `size` x `size`: area average when
 * shrinking (so fine detail survives as contrast, not as aliasing), bilinear when enlarging.
 */
export function greyCrop(frame: RgbFrame, box: Box, size: number = SHARPNESS_CROP_SIZE): Float32Array {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(frame.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(frame.height, Math.ceil(box.y + box.height));
  const cw = x1 - x0;
  const ch = y1 - y0;
  const out = new Float32Array(size * size);
  if (cw < 2 || ch < 2) return out;
  const sx = cw / size;
  const sy = ch / size;
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      let value: number;
      if (sx >= 1 && sy >= 1) {
        const ax = x0 + Math.floor(ox * sx);
        const ay = y0 + Math.floor(oy * sy);
        const bx = Math.max(ax + 1, x0 + Math.floor((ox + 1) * sx));
        const by = Math.max(ay + 1, y0 + Math.floor((oy + 1) * sy));
        let sum = 0;
        for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) sum += greyAt(frame, x, y);
        value = sum / ((bx - ax) * (by - ay));
      } else {
        const fx = Math.min(cw - 1, Math.max(0, (ox + 0.5) * sx - 0.5));
        const fy = Math.min(ch - 1, Math.max(0, (oy + 0.5) * sy - 0.5));
        const ix = Math.min(cw - 2, Math.floor(fx));
        const iy = Math.min(ch - 2, Math.floor(fy));
        const tx = fx - ix;
        const ty = fy - iy;
        const a = greyAt(frame, x0 + ix, y0 + iy);
        const b = greyAt(frame, x0 + ix + 1, y0 + iy);
        const c = greyAt(frame, x0 + ix, y0 + iy + 1);
        const d = greyAt(frame, x0 + ix + 1, y0 + iy + 1);
        value = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
      }
      out[oy * size + ox] = value;
    }
  }
  return out;
}

/** Variance of the 4-neighbour Laplacian over the interior of a grey image. */
export function laplacianVariance(grey: Float32Array | Uint8Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const lap =
        (grey[i - 1] ?? 0) + (grey[i + 1] ?? 0) + (grey[i - width] ?? 0) + (grey[i + width] ?? 0) - 4 * (grey[i] ?? 0);
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Sharpness of the face in `box`: Laplacian variance of its grey crop at SHARPNESS_CROP_SIZE. */
export function faceSharpness(frame: RgbFrame, box: Box): number {
  return laplacianVariance(greyCrop(frame, box), SHARPNESS_CROP_SIZE, SHARPNESS_CROP_SIZE);
}
