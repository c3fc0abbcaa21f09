/**
 * The two image resamplers human's pipeline uses, reimplemented with TensorFlow's exact semantics so the ONNX
 * engine feeds its models the same pixels TF.js would: `resizeBilinear` (alignCorners false, halfPixelCenters
 * false: source = dest * in/out) and `cropAndResize` (bilinear, normalised [y1, x1, y2, x2] box, 0 outside the
 * image). Images are HWC Float32Array (or the camera's Uint8Array RGB); output is HWC Float32Array.
 */

export interface Image {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Float32Array | Uint8Array;
}

/** tf.image.resizeBilinear(image, [outH, outW], alignCorners = false), then value * scale + offset. */
export function resizeBilinear(image: Image, outW: number, outH: number, scale = 1, offset = 0): Float32Array {
  const { width: w, height: h, channels: c, data } = image;
  const out = new Float32Array(outW * outH * c);
  const sy = h / outH;
  const sx = w / outW;
  const x0s = new Int32Array(outW);
  const x1s = new Int32Array(outW);
  const xf = new Float64Array(outW);
  for (let x = 0; x < outW; x++) {
    const src = x * sx;
    const x0 = Math.floor(src);
    x0s[x] = x0 * c;
    x1s[x] = Math.min(x0 + 1, w - 1) * c;
    xf[x] = src - x0;
  }
  let o = 0;
  for (let y = 0; y < outH; y++) {
    const src = y * sy;
    const y0 = Math.floor(src);
    const yl = src - y0;
    const r0 = y0 * w * c;
    const r1 = Math.min(y0 + 1, h - 1) * w * c;
    for (let x = 0; x < outW; x++) {
      const a = x0s[x] as number;
      const b = x1s[x] as number;
      const xl = xf[x] as number;
      for (let k = 0; k < c; k++) {
        const tl = data[r0 + a + k] as number;
        const tr = data[r0 + b + k] as number;
        const bl = data[r1 + a + k] as number;
        const br = data[r1 + b + k] as number;
        const top = tl + (tr - tl) * xl;
        const bottom = bl + (br - bl) * xl;
        out[o++] = (top + (bottom - top) * yl) * scale + offset;
      }
    }
  }
  return out;
}

/** tf.image.cropAndResize(image, [[y1, x1, y2, x2]], [0], [outH, outW]) (bilinear, extrapolation 0), then * scale. */
export function cropAndResize(
  image: Image,
  box: readonly [number, number, number, number],
  outW: number,
  outH: number,
  scale = 1,
): Float32Array {
  const { width: w, height: h, channels: c, data } = image;
  const [y1, x1, y2, x2] = box;
  const out = new Float32Array(outW * outH * c);
  const hs = outH > 1 ? ((y2 - y1) * (h - 1)) / (outH - 1) : 0;
  const ws = outW > 1 ? ((x2 - x1) * (w - 1)) / (outW - 1) : 0;
  for (let y = 0; y < outH; y++) {
    const inY = outH > 1 ? y1 * (h - 1) + y * hs : 0.5 * (y1 + y2) * (h - 1);
    if (inY < 0 || inY > h - 1) continue; // the row stays 0 (extrapolation value)
    const top = Math.floor(inY);
    const bottom = Math.ceil(inY);
    const yl = inY - top;
    for (let x = 0; x < outW; x++) {
      const inX = outW > 1 ? x1 * (w - 1) + x * ws : 0.5 * (x1 + x2) * (w - 1);
      if (inX < 0 || inX > w - 1) continue;
      const left = Math.floor(inX);
      const right = Math.ceil(inX);
      const xl = inX - left;
      const o = (y * outW + x) * c;
      for (let k = 0; k < c; k++) {
        const tl = data[(top * w + left) * c + k] as number;
        const tr = data[(top * w + right) * c + k] as number;
        const bl = data[(bottom * w + left) * c + k] as number;
        const br = data[(bottom * w + right) * c + k] as number;
        const t = tl + (tr - tl) * xl;
        const b = bl + (br - bl) * xl;
        out[o + k] = (t + (b - t) * yl) * scale;
      }
    }
  }
  return out;
}
