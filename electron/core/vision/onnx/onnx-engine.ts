/**
 * The FaceEngine on onnxruntime-node, running human's own models converted to ONNX (native-models/): BlazeFace
 * finds faces, FaceRes gives age and gender, and the emotion, anti-spoofing and liveness models score each
 * embedded face. Pre- and post-processing reproduce human 3.3.6 step for step (resample.ts, blazeface-decode.ts,
 * face-attributes.ts), so its results match the human engine's — the parity tests hold it to that — at several
 * times the speed: no TF.js, native kernels, and the faces of one frame batched into one run per model.
 *
 * The identity descriptor comes from one of two recognisers:
 * - `dlib` (the default): dlib's ResNet-128 (face-api's port, converted as `dlibres`) on a 150 px chip aligned on
 *   BlazeFace's keypoints (face-align.ts). On LFW it verifies far better than FaceRes (docs/face-models.md).
 * - `faceres`: human's own 1024-d FaceRes descriptor, identical to the human engine's (same model id), so
 *   templates enrolled on either engine match on the other.
 * FaceRes runs on every embedded face either way (it gives age and gender), so with `dlib` each face also carries
 * its FaceRes descriptor in `alternateEmbeddings`, under FaceRes's model id: enrolment stores both, and a customer
 * enrolled here is still recognised when the human engine takes over as the fallback.
 *
 * Sessions are safe to run concurrently, so calls are not serialised; the worker pool decides concurrency.
 */
import * as ort from 'onnxruntime-node';
import os from 'node:os';
import type { Logger } from '../../logger.js';
import { normalise } from '../../matching/similarity.js';
import { iou } from '../box-overlap.js';
import { faceSharpness } from '../sharpness.js';
import type { Box, DetectOptions, DetectedFace, FaceEngine, FaceLandmarks, RgbFrame } from '../types.js';
import {
  blazefaceAnchors,
  decodeBoxes,
  faceRegion,
  mergeOutputs,
  nonMaxSuppression,
  sigmoidScores,
  type FaceRegion,
} from './blazeface-decode.js';
import { alignedChip, CHIP_SIZE } from './face-align.js';
import { decodeAge, decodeEmotion, decodeGender, emotionInput } from './face-attributes.js';
import {
  locateModelFiles,
  locateOptionalModel,
  ONNX_MODELS,
  type ModelFiles,
  type OnnxModelName,
  type OptionalModelFile,
} from './model-files.js';
import { cropAndResize, resizeBilinear, type Image } from './resample.js';

export interface OnnxEngineOptions {
  readonly logger: Logger;
  /** Folder with the converted models and manifest.json; found automatically when absent (see model-files.ts). */
  readonly modelsDir?: string;
  /** Most faces reported per frame. */
  readonly maxFaces?: number;
  /** Detector score below which a candidate is not reported at all (gates apply stricter ones). */
  readonly minDetectionScore?: number;
  /** onnxruntime's threads per model run; defaults to the cores (a worker pool gives each worker fewer). */
  readonly threads?: number;
  /** Score embedded faces with the anti-spoofing and liveness models (about 1 ms a face). Default true. */
  readonly realness?: boolean;
  /** Estimate the expression of embedded faces (about 1 ms a face). Default true. */
  readonly emotion?: boolean;
  /**
   * The identity descriptor's model. Absent: `dlib` when it was converted, else `faceres` with a warning. Asking
   * for `dlib` when it was not converted is an error that says what to run.
   */
  readonly recogniser?: Recogniser;
}

export const RECOGNISERS = ['dlib', 'faceres'] as const;
export type Recogniser = (typeof RECOGNISERS)[number];

export function isRecogniser(value: string): value is Recogniser {
  return (RECOGNISERS as readonly string[]).includes(value);
}

/** human's defaults, as the human engine configures them. */
const DETECTOR_SIZE = 256;
const DETECTOR_SCALE = 1.4;
const IOU_THRESHOLD = 0.1;
const FACERES_SIZE = 224;
const EMOTION_SIZE = 64;
const ANTISPOOF_SIZE = 128;
const LIVENESS_SIZE = 32;
const FACERES_EMBEDDING_SIZE = 1024;
const DLIB_EMBEDDING_SIZE = 128;
/**
 * Version of the chip alignment (face-align.ts) the dlib descriptors are computed on. It is part of the model id:
 * a different template or warp moves every descriptor, and templates of different ids are never compared.
 */
const CHIP_VERSION = 1;

type Quad = [number, number, number, number];
type Sessions = Record<OnnxModelName, ort.InferenceSession>;

/** The template model id: human's own when the converted FaceRes came from human (parity-tested), else distinct. */
export function modelIdFor(files: ModelFiles): string {
  const match = /^@vladmandic\/human@(.+)$/.exec(files.source ?? '');
  return match ? `human-faceres-${match[1]}` : `onnx-faceres-${files.source ?? 'unknown'}`;
}

/** The dlib recogniser's model id: the weights' package and version, and the chip alignment's version. */
export function dlibModelIdFor(model: OptionalModelFile): string {
  const match = /^@vladmandic\/face-api@(.+)$/.exec(model.source ?? '');
  return `dlib-resnet128-face-api-${match ? match[1] : (model.source ?? 'unknown')}-chip${CHIP_VERSION}`;
}

/** human-engine's face box: the enlarged square shrunk back around its centre, clamped to the frame. */
function faceBox(region: FaceRegion, frame: RgbFrame): Box {
  const [sx, sy] = region.start;
  const [ex, ey] = region.end;
  const cx = sx + (ex - sx) / 2;
  const cy = sy + (ey - sy) / 2;
  const w = (ex - sx) / DETECTOR_SCALE;
  const h = (ey - sy) / DETECTOR_SCALE;
  const x0 = Math.max(0, Math.round(cx - w / 2));
  const y0 = Math.max(0, Math.round(cy - h / 2));
  const x1 = Math.min(frame.width, Math.round(cx + w / 2));
  const y1 = Math.min(frame.height, Math.round(cy + h / 2));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

function landmarksOf(region: FaceRegion): FaceLandmarks {
  const p = (i: number) => ({ x: region.keypoints[i]?.[0] ?? 0, y: region.keypoints[i]?.[1] ?? 0 });
  return { rightEye: p(0), leftEye: p(1), nose: p(2), mouth: p(3), rightEar: p(4), leftEar: p(5) };
}

function checkFrame(frame: RgbFrame): void {
  if (frame.data.length !== frame.width * frame.height * 3 || frame.width < 1 || frame.height < 1) {
    throw new Error(`Invalid RgbFrame ${frame.width}x${frame.height} with ${frame.data.length} bytes`);
  }
}

function stack(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function floatData(tensor: ort.Tensor | undefined, what: string): Float32Array {
  if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`The ${what} model returned no float output`);
  return tensor.data;
}

export async function createOnnxEngine(options: OnnxEngineOptions): Promise<FaceEngine> {
  const logger = options.logger.child('vision');
  const started = performance.now();
  const files = locateModelFiles(options.modelsDir);
  const threads = options.threads ?? Math.max(1, os.availableParallelism());
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    // Each session owns its intra-op thread pool, whose threads by default keep spinning for a while after a
    // run. Six sessions run back to back per face, so the last model's spinning threads fought the next model's
    // for the same cores: measured here, the six models in a row took 112 ms spinning, 41 ms with spinning off
    // (each model alone slower by up to 30 %), and 31 ms spinning within a run but stopped at its end.
    extra: { session: { force_spinning_stop: '1' } },
  };
  const realness = options.realness ?? true;
  const emotion = options.emotion ?? true;
  const maxFaces = options.maxFaces ?? 10;
  const minScore = options.minDetectionScore ?? 0.3;
  const anchors = blazefaceAnchors(DETECTOR_SIZE);
  const dlibModel = locateOptionalModel(files, 'dlibres');
  if (options.recogniser === 'dlib' && !dlibModel) {
    throw new Error(
      `The dlib face recogniser (dlibres.onnx) is missing from ${files.dir}: it is converted from the ` +
        '@vladmandic/face-api package. Install the dev dependencies and run: npm run models',
    );
  }
  const recogniser: Recogniser = options.recogniser ?? (dlibModel ? 'dlib' : 'faceres');
  if (options.recogniser === undefined && recogniser === 'faceres') {
    logger.warn(
      'the dlib face recogniser was not converted (npm run models needs the @vladmandic/face-api dev dependency); ' +
        'recognising with FaceRes, which tells people apart less well',
      { modelsDir: files.dir },
    );
  }
  const embeddingSize = recogniser === 'dlib' ? DLIB_EMBEDDING_SIZE : FACERES_EMBEDDING_SIZE;
  /** FaceRes's template model id: the primary one with the faceres recogniser, the alternate one with dlib. */
  const faceresModelId = modelIdFor(files);

  const created: ort.InferenceSession[] = [];
  let sessions: Sessions;
  let dlib: { session: ort.InferenceSession; input: string; output: string } | null = null;
  try {
    const entries: [OnnxModelName, ort.InferenceSession][] = [];
    for (const name of ONNX_MODELS) {
      const session = await ort.InferenceSession.create(files.models[name].path, sessionOptions);
      created.push(session);
      entries.push([name, session]);
    }
    sessions = Object.fromEntries(entries) as Sessions;
    if (recogniser === 'dlib' && dlibModel) {
      const session = await ort.InferenceSession.create(dlibModel.path, sessionOptions);
      created.push(session);
      dlib = { session, input: dlibModel.input, output: dlibModel.outputs[0] ?? 'descriptor' };
    }
  } catch (error) {
    await Promise.all(created.map((s) => s.release()));
    throw new Error(
      `The ONNX face models in ${files.dir} failed to load: ${String(error)}. Run: npm run models -- --force`,
    );
  }

  const run = async (name: OnnxModelName, data: Float32Array, dims: number[]) => {
    const session = sessions[name];
    return session.run({ [files.models[name].input]: new ort.Tensor('float32', data, dims) });
  };

  async function detectRegions(frame: RgbFrame): Promise<FaceRegion[]> {
    const image: Image = { width: frame.width, height: frame.height, channels: 3, data: frame.data };
    // human: resizeBilinear to the detector size, then / 127.5 - 1.
    const input = resizeBilinear(image, DETECTOR_SIZE, DETECTOR_SIZE, 1 / 127.5, -1);
    const result = await run('blazeface', input, [1, DETECTOR_SIZE, DETECTOR_SIZE, 3]);
    const rows = mergeOutputs(files.models.blazeface.outputs.map((o) => floatData(result[o], 'blazeface')));
    const boxes = decodeBoxes(rows, anchors, DETECTOR_SIZE);
    const scores = sigmoidScores(rows);
    const kept = nonMaxSuppression(boxes, scores, maxFaces, IOU_THRESHOLD, minScore);
    return kept
      .map((index) =>
        faceRegion(rows, boxes, anchors, index, scores[index] as number, frame, DETECTOR_SIZE, DETECTOR_SCALE),
      )
      .filter((r) => r.end[0] - r.start[0] > 0 && r.end[1] - r.start[1] > 0);
  }

  /**
   * The dlib descriptors of these faces, one batched run: each face's chip aligned on its keypoints. A face that
   * came without keypoints (FaceLandmarks is optional in the engine contract) borrows those of the detection
   * that overlaps it most in this frame; with none, it gets no descriptor (null) rather than a misaligned one.
   */
  async function dlibDescriptors(
    session: NonNullable<typeof dlib>,
    frame: RgbFrame,
    faces: readonly DetectedFace[],
  ): Promise<(Float32Array | null)[]> {
    let regions: FaceRegion[] | null = null;
    const landmarks: (FaceLandmarks | null)[] = [];
    for (const face of faces) {
      if (face.landmarks) {
        landmarks.push(face.landmarks);
        continue;
      }
      regions ??= await detectRegions(frame);
      let best: FaceRegion | null = null;
      let bestIou = 0.3;
      for (const region of regions) {
        const overlap = iou(faceBox(region, frame), face.box);
        if (overlap >= bestIou) {
          best = region;
          bestIou = overlap;
        }
      }
      landmarks.push(best ? landmarksOf(best) : null);
    }
    const present = landmarks.filter((l): l is FaceLandmarks => l !== null);
    if (present.length === 0) return faces.map(() => null);
    const chipLength = CHIP_SIZE * CHIP_SIZE * 3;
    const batch = new Float32Array(present.length * chipLength);
    present.forEach((l, i) => alignedChip(frame, l, batch.subarray(i * chipLength, (i + 1) * chipLength)));
    const result = await session.session.run({
      [session.input]: new ort.Tensor('float32', batch, [present.length, CHIP_SIZE, CHIP_SIZE, 3]),
    });
    const descriptors = floatData(result[session.output], 'dlibres');
    let next = 0;
    return landmarks.map((l) => {
      if (!l) return null;
      const i = next++;
      return normalise(descriptors.slice(i * DLIB_EMBEDDING_SIZE, (i + 1) * DLIB_EMBEDDING_SIZE));
    });
  }

  /**
   * The identity descriptor (FaceRes's or dlib's), age, gender, emotion, anti-spoofing and liveness of the given
   * faces of one frame, one batched run per model. `crops` are human's crop boxes, by index into `faces`.
   */
  async function describe(frame: RgbFrame, faces: DetectedFace[], crops: readonly [number, Quad][]) {
    if (crops.length === 0) return faces;
    const image: Image = { width: frame.width, height: frame.height, channels: 3, data: frame.data };
    // human's crop: cutAndResize to the detector size, scaled to 0..1; each model resamples it to its own size.
    const units = crops.map(([, cut]) => ({
      width: DETECTOR_SIZE,
      height: DETECTOR_SIZE,
      channels: 3,
      data: cropAndResize(image, cut, DETECTOR_SIZE, DETECTOR_SIZE, 1 / 255),
    }));
    const n = units.length;
    const resized = (size: number, scale = 1) => stack(units.map((u) => resizeBilinear(u, size, size, scale)));
    const faceres = await run('faceres', resized(FACERES_SIZE, 255), [n, FACERES_SIZE, FACERES_SIZE, 3]);
    const outputs = files.models.faceres.outputs.map((o) => faceres[o]);
    const byWidth = (width: number) =>
      floatData(
        outputs.find((t) => t?.dims[1] === width),
        'faceres',
      );
    const descriptors = byWidth(FACERES_EMBEDDING_SIZE);
    const faceresOf = (i: number) =>
      normalise(descriptors.subarray(i * FACERES_EMBEDDING_SIZE, (i + 1) * FACERES_EMBEDDING_SIZE));
    const identities = dlib
      ? await dlibDescriptors(
          dlib,
          frame,
          crops.map(([faceIndex]) => faces[faceIndex] as DetectedFace),
        )
      : null;
    const genders = byWidth(1);
    const ages = byWidth(100);
    const emotions = emotion
      ? floatData(
          (
            await run('emotion', stack(units.map((u) => emotionInput(resizeBilinear(u, EMOTION_SIZE, EMOTION_SIZE)))), [
              n,
              EMOTION_SIZE,
              EMOTION_SIZE,
              1,
            ])
          )[files.models.emotion.outputs[0] ?? ''],
          'emotion',
        )
      : null;
    const real = realness
      ? floatData(
          (await run('antispoof', resized(ANTISPOOF_SIZE), [n, ANTISPOOF_SIZE, ANTISPOOF_SIZE, 3]))[
            files.models.antispoof.outputs[0] ?? ''
          ],
          'antispoof',
        )
      : null;
    const live = realness
      ? floatData(
          (await run('liveness', resized(LIVENESS_SIZE), [n, LIVENESS_SIZE, LIVENESS_SIZE, 3]))[
            files.models.liveness.outputs[0] ?? ''
          ],
          'liveness',
        )
      : null;
    const out = [...faces];
    crops.forEach(([faceIndex], i) => {
      const face = out[faceIndex];
      if (!face) return;
      out[faceIndex] = {
        ...face,
        // With dlib identifying, FaceRes's descriptor (computed above for age and gender) rides along for free.
        ...(identities
          ? { embedding: identities[i] ?? null, alternateEmbeddings: { [faceresModelId]: faceresOf(i) } }
          : { embedding: faceresOf(i) }),
        age: decodeAge(ages.subarray(i * 100, (i + 1) * 100)),
        gender: decodeGender(genders[i] as number),
        ...(emotions ? { emotion: decodeEmotion(emotions.subarray(i * 7, (i + 1) * 7)) } : {}),
        ...(real ? { realScore: real[i] as number } : {}),
        // liveness has two outputs per face; human reads the first.
        ...(live ? { liveScore: live[i * 2] as number } : {}),
      };
    });
    return out;
  }

  async function detect(frame: RgbFrame, detectOptions: DetectOptions): Promise<DetectedFace[]> {
    checkFrame(frame);
    const regions = await detectRegions(frame);
    const faces = regions.map((region): DetectedFace => {
      const box = faceBox(region, frame);
      return {
        box,
        // human reports the detector score rounded to 0.01.
        score: Math.round(100 * region.score) / 100,
        embedding: null,
        sharpness: faceSharpness(frame, box),
        landmarks: landmarksOf(region),
      };
    });
    if (!detectOptions.embed) return faces;
    const crops: [number, Quad][] = [];
    regions.forEach((region, i) => {
      const face = faces[i];
      if (!face || (detectOptions.embedIf && !detectOptions.embedIf(face))) return;
      const [sx, sy] = region.start;
      const [ex, ey] = region.end;
      crops.push([i, [sy / frame.height, sx / frame.width, ey / frame.height, ex / frame.width]]);
    });
    return describe(frame, faces, crops);
  }

  async function embedFaces(frame: RgbFrame, faces: readonly DetectedFace[]): Promise<DetectedFace[]> {
    checkFrame(frame);
    // The crop box is the face box scaled back up around its centre (faceBox's inverse), as the human engine does.
    const crops = faces.map((face, i): [number, Quad] => {
      const { x, y, width, height } = face.box;
      const cx = x + width / 2;
      const cy = y + height / 2;
      const side = Math.max(width, height) * DETECTOR_SCALE;
      return [
        i,
        [
          (cy - side / 2) / frame.height,
          (cx - side / 2) / frame.width,
          (cy + side / 2) / frame.height,
          (cx + side / 2) / frame.width,
        ],
      ];
    });
    return describe(frame, [...faces], crops);
  }

  // One warm-up run per model, so the first camera frame is not the slow one.
  await detect({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 3) }, { embed: false });
  await embedFaces({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 3) }, [
    {
      box: { x: 16, y: 16, width: 32, height: 32 },
      score: 1,
      embedding: null,
      sharpness: 0,
      // Keypoints, so the dlib recogniser runs too (without them it would look for a face to borrow them from).
      landmarks: {
        rightEye: { x: 26, y: 26 },
        leftEye: { x: 38, y: 26 },
        nose: { x: 32, y: 32 },
        mouth: { x: 32, y: 40 },
        rightEar: { x: 18, y: 28 },
        leftEar: { x: 46, y: 28 },
      },
    },
  ]);

  const modelId = recogniser === 'dlib' && dlibModel ? dlibModelIdFor(dlibModel) : faceresModelId;
  logger.info('face engine ready', {
    backend: 'onnx',
    modelId,
    recogniser,
    modelsDir: files.dir,
    threads,
    realness,
    emotion,
    initMs: Math.round(performance.now() - started),
  });

  let closed = false;
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const track = async <T>(task: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error('The face engine is closed');
    inFlight++;
    try {
      return await task();
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  };

  return {
    backend: 'onnx',
    modelId,
    embeddingSize,
    detect: (frame, detectOptions) => track(() => detect(frame, detectOptions)),
    embedFaces: (frame, faces) => track(() => embedFaces(frame, faces)),
    async close() {
      if (closed) return;
      closed = true;
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      await Promise.all([...Object.values(sessions), ...(dlib ? [dlib.session] : [])].map((s) => s.release()));
      logger.info('face engine closed', { backend: 'onnx' });
    },
  };
}
