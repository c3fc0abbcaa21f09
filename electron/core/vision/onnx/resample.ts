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
  // Source columns and weights depend on x alone: computed once, not once per row.
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
  for (let y = 0; y < outH; y++) {
    const src = y * sy;
    const y0 = Math.floor(src);
    blendRow(
      data,
      c,
      y0 * w * c,
      Math.min(y0 + 1, h - 1) * w * c,
      src - y0,
      x0s,
      x1s,
      xf,
      out,
      y * outW * c,
      scale,
      offset,
    );
  }
  return out;
}

/**
 * One output row: for each x, the bilinear blend of the pixels at columns a/b of rows r0/r1 (offsets into `data`),
 * times scale plus offset. The hot loop of both resamplers; three channels (RGB, all our models) are unrolled.
 */
function blendRow(
  data: Float32Array | Uint8Array,
  c: number,
  r0: number,
  r1: number,
  yl: number,
  as: Int32Array,
  bs: Int32Array,
  xls: Float64Array,
  out: Float32Array,
  o: number,
  scale: number,
  offset: number,
): void {
  const n = as.length;
  if (c === 3) {
    for (let x = 0; x < n; x++, o += 3) {
      const a = as[x] as number;
      if (a < 0) continue; // outside the image (cropAndResize): the pixel stays 0
      const b = bs[x] as number;
      const xl = xls[x] as number;
      const t0 = data[r0 + a] as number;
      const t1 = data[r0 + a + 1] as number;
      const t2 = data[r0 + a + 2] as number;
      const b0 = data[r1 + a] as number;
      const b1 = data[r1 + a + 1] as number;
      const b2 = data[r1 + a + 2] as number;
      const top0 = t0 + ((data[r0 + b] as number) - t0) * xl;
      const top1 = t1 + ((data[r0 + b + 1] as number) - t1) * xl;
      const top2 = t2 + ((data[r0 + b + 2] as number) - t2) * xl;
      const bottom0 = b0 + ((data[r1 + b] as number) - b0) * xl;
      const bottom1 = b1 + ((data[r1 + b + 1] as number) - b1) * xl;
      const bottom2 = b2 + ((data[r1 + b + 2] as number) - b2) * xl;
      out[o] = (top0 + (bottom0 - top0) * yl) * scale + offset;
      out[o + 1] = (top1 + (bottom1 - top1) * yl) * scale + offset;
      out[o + 2] = (top2 + (bottom2 - top2) * yl) * scale + offset;
    }
    return;
  }
  for (let x = 0; x < n; x++, o += c) {
    const a = as[x] as number;
    if (a < 0) continue;
    const b = bs[x] as number;
    const xl = xls[x] as number;
    for (let k = 0; k < c; k++) {
      const tl = data[r0 + a + k] as number;
      const tr = data[r0 + b + k] as number;
      const bl = data[r1 + a + k] as number;
      const br = data[r1 + b + k] as number;
      const top = tl + (tr - tl) * xl;
      const bottom = bl + (br - bl) * xl;
      out[o + k] = (top + (bottom - top) * yl) * scale + offset;
    }
  }
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
  const lefts = new Int32Array(outW);
  const rights = new Int32Array(outW);
  const xf = new Float64Array(outW);
  for (let x = 0; x < outW; x++) {
    const inX = outW > 1 ? x1 * (w - 1) + x * ws : 0.5 * (x1 + x2) * (w - 1);
    if (inX < 0 || inX > w - 1) {
      lefts[x] = -1; // blendRow leaves the pixel 0 (extrapolation value)
      continue;
    }
    const left = Math.floor(inX);
    lefts[x] = left * c;
    rights[x] = Math.ceil(inX) * c;
    xf[x] = inX - left;
  }
  for (let y = 0; y < outH; y++) {
    const inY = outH > 1 ? y1 * (h - 1) + y * hs : 0.5 * (y1 + y2) * (h - 1);
    if (inY < 0 || inY > h - 1) continue; // the row stays 0 (extrapolation value)
    const top = Math.floor(inY);
    blendRow(data, c, top * w * c, Math.ceil(inY) * w * c, inY - top, lefts, rights, xf, out, y * outW * c, scale, 0);
  }
  return out;
}
