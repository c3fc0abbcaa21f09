/**
 * BlazeFace post-processing as human 3.3.6 does it (src/face/blazeface.ts, facemeshutil.ts), for the ONNX
 * engine: anchors, box decoding, sigmoid scores, TF.js's non-max suppression (hard: a candidate is dropped
 * when its IoU with a kept box reaches the threshold; ties go to the lower index), then scaling to the frame,
 * enlarging by the detector scale and squaring — the box human crops faces from.
 */

/** Keypoint columns start here in each 17-wide row: [score, cx, cy, w, h, 6 x (x, y)]. */
const KEYPOINTS_START = 5;
export const ROW = 17;

/** human's generateAnchors for a 256 input: strides 16 and 32 with 2 and 6 anchors per cell. */
export function blazefaceAnchors(inputSize: number): Float32Array {
  const spec = { strides: [inputSize / 16, inputSize / 8], anchors: [2, 6] };
  const out: number[] = [];
  spec.strides.forEach((stride, i) => {
    const grid = Math.floor((inputSize + stride - 1) / stride);
    for (let gy = 0; gy < grid; gy++) {
      for (let gx = 0; gx < grid; gx++) {
        for (let n = 0; n < (spec.anchors[i] as number); n++) out.push(stride * (gx + 0.5), stride * (gy + 0.5));
      }
    }
  });
  return Float32Array.from(out);
}

/**
 * human concatenates the four raw outputs by size: [512 x (1 + 16)] rows of the 16x16 grid, then the 384 of
 * the 8x8 grid. `outputs` are the four tensors' data in any order.
 */
export function mergeOutputs(outputs: readonly Float32Array[]): Float32Array {
  const sorted = [...outputs].sort((a, b) => a.length - b.length);
  const [s384, s512, r384, r512] = sorted as [Float32Array, Float32Array, Float32Array, Float32Array];
  const rows = s512.length + s384.length;
  const out = new Float32Array(rows * ROW);
  const put = (row: number, score: Float32Array, rest: Float32Array, i: number) => {
    out[row * ROW] = score[i] as number;
    out.set(rest.subarray(i * 16, i * 16 + 16), row * ROW + 1);
  };
  for (let i = 0; i < s512.length; i++) put(i, s512, r512, i);
  for (let i = 0; i < s384.length; i++) put(s512.length + i, s384, r384, i);
  return out;
}

export interface Candidate {
  /** Box in detector-input pixels: [x1, y1, x2, y2]. */
  readonly box: readonly [number, number, number, number];
  readonly score: number;
  readonly index: number;
}

/** The box columns decoded against the anchors, in float32 as TF.js computes them. */
export function decodeBoxes(rows: Float32Array, anchors: Float32Array, inputSize: number): Float32Array {
  const n = anchors.length / 2;
  const boxes = new Float32Array(n * 4);
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    const cx = f(f(rows[i * ROW + 1] as number) + (anchors[i * 2] as number));
    const cy = f(f(rows[i * ROW + 2] as number) + (anchors[i * 2 + 1] as number));
    const hw = f(f((rows[i * ROW + 3] as number) / inputSize) / 2);
    const hh = f(f((rows[i * ROW + 4] as number) / inputSize) / 2);
    const ncx = f(cx / inputSize);
    const ncy = f(cy / inputSize);
    boxes[i * 4] = f(f(ncx - hw) * inputSize);
    boxes[i * 4 + 1] = f(f(ncy - hh) * inputSize);
    boxes[i * 4 + 2] = f(f(ncx + hw) * inputSize);
    boxes[i * 4 + 3] = f(f(ncy + hh) * inputSize);
  }
  return boxes;
}

export function sigmoidScores(rows: Float32Array): Float32Array {
  const n = rows.length / ROW;
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) scores[i] = 1 / (1 + Math.exp(-(rows[i * ROW] as number)));
  return scores;
}

function iou(boxes: Float32Array, i: number, j: number): number {
  const a = (k: number) => boxes[i * 4 + k] as number;
  const b = (k: number) => boxes[j * 4 + k] as number;
  const [ax1, ax2] = [Math.min(a(0), a(2)), Math.max(a(0), a(2))];
  const [ay1, ay2] = [Math.min(a(1), a(3)), Math.max(a(1), a(3))];
  const [bx1, bx2] = [Math.min(b(0), b(2)), Math.max(b(0), b(2))];
  const [by1, by2] = [Math.min(b(1), b(3)), Math.max(b(1), b(3))];
  const areaA = (ax2 - ax1) * (ay2 - ay1);
  const areaB = (bx2 - bx1) * (by2 - by1);
  if (areaA <= 0 || areaB <= 0) return 0;
  const inter =
    Math.max(Math.min(ax2, bx2) - Math.max(ax1, bx1), 0) * Math.max(Math.min(ay2, by2) - Math.max(ay1, by1), 0);
  return inter / (areaA + areaB - inter);
}

/** tf.image.nonMaxSuppression (soft-NMS sigma 0): indices of the kept boxes, best first. */
export function nonMaxSuppression(
  boxes: Float32Array,
  scores: Float32Array,
  maxOutput: number,
  iouThreshold: number,
  scoreThreshold: number,
): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < scores.length; i++) if ((scores[i] as number) > scoreThreshold) candidates.push(i);
  candidates.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const kept: number[] = [];
  for (const index of candidates) {
    if (kept.length >= maxOutput) break;
    if (kept.every((k) => iou(boxes, index, k) < iouThreshold)) kept.push(index);
  }
  return kept;
}

export interface FaceRegion {
  /** The enlarged square box human crops from, frame pixels: start and end points (rounded). */
  readonly start: readonly [number, number];
  readonly end: readonly [number, number];
  readonly score: number;
  /** Six keypoints in frame pixels. */
  readonly keypoints: readonly (readonly [number, number])[];
}

/** scaleBoxCoordinates + enlargeBox + squarifyBox, as human. */
export function faceRegion(
  rows: Float32Array,
  boxes: Float32Array,
  anchors: Float32Array,
  index: number,
  score: number,
  frame: { width: number; height: number },
  inputSize: number,
  enlarge: number,
): FaceRegion {
  const fx = frame.width / inputSize;
  const fy = frame.height / inputSize;
  const sx = (boxes[index * 4] as number) * fx;
  const sy = (boxes[index * 4 + 1] as number) * fy;
  const ex = (boxes[index * 4 + 2] as number) * fx;
  const ey = (boxes[index * 4 + 3] as number) * fy;
  const ax = anchors[index * 2] as number;
  const ay = anchors[index * 2 + 1] as number;
  const keypoints: [number, number][] = [];
  for (let k = 0; k < 6; k++) {
    const px = rows[index * ROW + KEYPOINTS_START + k * 2] as number;
    const py = rows[index * ROW + KEYPOINTS_START + k * 2 + 1] as number;
    keypoints.push([(px + ax) * fx, (py + ay) * fy]);
  }
  // enlargeBox: the same centre, each side times `enlarge`.
  const cx = sx + (ex - sx) / 2;
  const cy = sy + (ey - sy) / 2;
  const hw = (enlarge * Math.abs(ex - sx)) / 2;
  const hh = (enlarge * Math.abs(ey - sy)) / 2;
  const [esx, esy, eex, eey] = [cx - hw, cy - hh, cx + hw, cy + hh];
  // squarifyBox: the longer side around the (recomputed) centre, rounded.
  const ccx = esx + (eex - esx) / 2;
  const ccy = esy + (eey - esy) / 2;
  const half = Math.max(Math.abs(eex - esx), Math.abs(eey - esy)) / 2;
  return {
    start: [Math.round(ccx - half), Math.round(ccy - half)],
    end: [Math.round(ccx + half), Math.round(ccy + half)],
    score,
    keypoints,
  };
}
