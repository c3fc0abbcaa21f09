/**
 * The FaceEngine on @vladmandic/human with TF.js on its wasm backend, in plain Node: BlazeFace finds
 * faces (box, score, six keypoints), FaceRes turns each face that needs it into a 1024-d descriptor plus
 * age and gender (the same model run gives all three); optionally the anti-spoofing and liveness models
 * score it too. Nothing else human offers is loaded.
 *
 * Detection and embedding are two steps: human's own pipeline would run FaceRes on every face of every
 * frame, so this engine asks human for detection only and runs FaceRes itself on the faces selected by
 * `embedIf`, on the same crop human would make (the enlarged detector box resampled to the detector's input
 * size, then to FaceRes's), so its descriptors equal human's.
 *
 * Why these settings (measured on the shared LFW and BBT photos): the face mesh is off because human
 * crops the face for FaceRes from the BlazeFace box before the mesh runs, so the mesh changed no
 * embedding's usefulness (LFW TAR at FAR 1e-3 0.747 with mesh vs 0.758 without) and cost time; the
 * detector's rotation correction is off for the same reason (0.709). Frame caching and skipping are
 * off so every call analyses exactly the frame it was given.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import type { Config as HumanConfig } from '@vladmandic/human';
import type { Logger } from '../logger.js';
import { normalise } from '../matching/similarity.js';
import { ensureFileModelRouter } from './file-model-loader.js';
import { faceSharpness } from './sharpness.js';
import type { Box, DetectOptions, DetectedFace, FaceEngine, FaceLandmarks, RgbFrame } from './types.js';

type Tf = typeof TfCore;
type Quad = [number, number, number, number];

/** The part of a human face result this engine reads. */
interface HumanFace {
  readonly boxRaw: Quad;
  readonly score: number;
  /** With the mesh off: BlazeFace's six keypoints in input pixels. */
  readonly mesh?: number[][];
}

/** The part of a TF.js GraphModel this engine runs itself. */
interface GraphModelLike {
  readonly inputs: readonly { readonly shape?: number[] }[];
  execute(input: TfCore.Tensor): TfCore.Tensor | TfCore.Tensor[];
}

/** The part of the Human class this engine uses (its typings bring their own copy of tfjs types). */
interface HumanInstance {
  readonly version: string;
  readonly models: { readonly models: Record<string, unknown> };
  init(): Promise<void>;
  load(): Promise<void>;
  detect(input: TfCore.Tensor, config: DeepPartial<HumanConfig>): Promise<{ face: HumanFace[]; error: string | null }>;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface HumanEngineOptions {
  readonly logger: Logger;
  /** Folder with blazeface.json/.bin and faceres.json/.bin; defaults to the models human ships. */
  readonly modelsDir?: string;
  /** Folder with tfjs-backend-wasm's .wasm files; defaults to the installed package's dist/. */
  readonly wasmDir?: string;
  /** Most faces reported per frame. */
  readonly maxFaces?: number;
  /** Detector score below which a candidate is not reported at all (gates apply stricter ones). */
  readonly minDetectionScore?: number;
  /** Also load human's anti-spoofing and liveness models and score every embedded face (about 2 x 3 ms a face). */
  readonly realness?: boolean;
}

/** BlazeFace's box enlargement human applies before cropping for FaceRes (its default). */
const DETECTOR_SCALE = 1.4;
const EMBEDDING_SIZE = 1024;

function humanConfig(options: {
  modelBasePath: string;
  wasmPath: string;
  maxFaces: number;
  minScore: number;
  realness: boolean;
}): DeepPartial<HumanConfig> {
  return {
    backend: 'wasm',
    wasmPath: options.wasmPath,
    modelBasePath: options.modelBasePath,
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: {
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: options.maxFaces,
        skipFrames: 0,
        skipTime: 0,
        minConfidence: options.minScore,
        iouThreshold: 0.1,
        scale: DETECTOR_SCALE,
        return: false,
      },
      mesh: { enabled: false },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      // Enabled here only so human LOADS them; every detect call switches them off (this engine runs them).
      antispoof: { enabled: options.realness, modelPath: 'antispoof.json', skipFrames: 0, skipTime: 0 },
      liveness: { enabled: options.realness, modelPath: 'liveness.json', skipFrames: 0, skipTime: 0 },
      description: { enabled: true, modelPath: 'faceres.json', skipFrames: 0, skipTime: 0 },
    },
  };
}

function isHumanModule(value: unknown): value is { Human: new (config: DeepPartial<HumanConfig>) => HumanInstance } {
  return typeof value === 'object' && value !== null && 'Human' in value && typeof value.Human === 'function';
}

function isTfModule(value: unknown): value is Tf {
  return typeof value === 'object' && value !== null && 'tensor3d' in value && 'io' in value && 'memory' in value;
}

/**
 * human reports the ENLARGED square crop (DETECTOR_SCALE x the detector's face box). Callers want the
 * face itself (sizes in messages, sharpness, overlays), so shrink back around the centre; boxRaw is
 * the unclamped box, so faces at the frame edge keep their true centre. Clamped to the frame.
 */
function faceBox(face: HumanFace, frame: RgbFrame): Box {
  const [rx, ry, rw, rh] = face.boxRaw;
  const cx = (rx + rw / 2) * frame.width;
  const cy = (ry + rh / 2) * frame.height;
  const w = (rw * frame.width) / DETECTOR_SCALE;
  const h = (rh * frame.height) / DETECTOR_SCALE;
  const x0 = Math.max(0, Math.round(cx - w / 2));
  const y0 = Math.max(0, Math.round(cy - h / 2));
  const x1 = Math.min(frame.width, Math.round(cx + w / 2));
  const y1 = Math.min(frame.height, Math.round(cy + h / 2));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** BlazeFace's keypoint order (MediaPipe): the person's right eye first, which the picture shows on the left. */
function landmarksOf(face: HumanFace): FaceLandmarks | undefined {
  const mesh = face.mesh;
  if (!mesh || mesh.length < 6) return undefined;
  const p = (i: number) => ({ x: mesh[i]?.[0] ?? 0, y: mesh[i]?.[1] ?? 0 });
  return { rightEye: p(0), leftEye: p(1), nose: p(2), mouth: p(3), rightEar: p(4), leftEar: p(5) };
}

/** FaceRes's age output (100 bins, 0.1 years... as human decodes it: the top bin refined by its larger neighbour). */
function decodeAge(bins: Float32Array | Int32Array | Uint8Array): number {
  let idx = 0;
  for (let i = 1; i < bins.length; i++) if ((bins[i] ?? 0) > (bins[idx] ?? 0)) idx = i;
  const before = bins[idx - 1] ?? 0;
  const after = bins[idx + 1] ?? 0;
  return Math.round(before > after ? 10 * idx - 100 * before : 10 * idx + 100 * after) / 10;
}

interface Crop {
  readonly faceIndex: number;
  /** [y1, x1, y2, x2] of the enlarged detector box, as fractions of the frame (may reach past it). */
  readonly cut: Quad;
}

export async function createHumanEngine(options: HumanEngineOptions): Promise<FaceEngine> {
  const logger = options.logger.child('vision');
  const started = performance.now();
  const require = createRequire(import.meta.url);
  // Load by path: the package's "exports" only offer human.node.js, which needs tfjs-node.
  const humanDir = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
  const fromHuman = createRequire(path.join(humanDir, 'package.json'));
  const humanModule: unknown = fromHuman(path.join(humanDir, 'dist', 'human.node-wasm.js'));
  // The tfjs-core instance human itself requires, so the load router lands in ITS registry.
  const tfModule: unknown = fromHuman('@tensorflow/tfjs-core');
  if (!isHumanModule(humanModule)) throw new Error('human.node-wasm.js does not export Human');
  if (!isTfModule(tfModule)) throw new Error('@tensorflow/tfjs-core did not load');
  const tf = tfModule;

  const modelsDir = options.modelsDir ?? path.join(humanDir, 'models');
  const wasmDir =
    options.wasmDir ?? path.join(path.dirname(fromHuman.resolve('@tensorflow/tfjs-backend-wasm')), path.sep);
  ensureFileModelRouter(tf);

  const realness = options.realness ?? false;
  const config = humanConfig({
    modelBasePath: pathToFileURL(modelsDir).href + '/',
    wasmPath: wasmDir.endsWith(path.sep) ? wasmDir : wasmDir + path.sep,
    maxFaces: options.maxFaces ?? 10,
    minScore: options.minDetectionScore ?? 0.3,
    realness,
  });
  const human = new humanModule.Human(config);
  await human.init();
  await human.load();
  if (tf.getBackend() !== 'wasm') throw new Error(`TF.js runs on '${tf.getBackend()}', expected 'wasm'`);
  const faceres = graphModel(human, 'faceres');
  const antispoof = realness ? graphModel(human, 'antispoof') : null;
  const liveness = realness ? graphModel(human, 'liveness') : null;
  const faceresSize = inputSize(faceres, 'faceres');
  /** human crops faces at the detector's input size before FaceRes resamples them (see the header). */
  const detectorCropSize = inputSize(graphModel(human, 'blazeface'), 'blazeface');

  const modelId = `human-faceres-${human.version}`;
  logger.info('face engine ready', {
    backend: 'human',
    modelId,
    tfBackend: tf.getBackend(),
    realness,
    initMs: Math.round(performance.now() - started),
  });

  // human keeps per-call state (and its models keep module state), so calls run one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  function checkFrame(frame: RgbFrame): void {
    if (frame.data.length !== frame.width * frame.height * 3 || frame.width < 1 || frame.height < 1) {
      throw new Error(`Invalid RgbFrame ${frame.width}x${frame.height} with ${frame.data.length} bytes`);
    }
  }

  async function detectOnly(frame: RgbFrame): Promise<{ faces: DetectedFace[]; crops: Quad[] }> {
    const input = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
    let result: Awaited<ReturnType<HumanInstance['detect']>>;
    try {
      result = await human.detect(input, {
        face: { description: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false } },
      });
    } finally {
      input.dispose();
    }
    if (result.error) throw new Error(`Face detection failed: ${result.error}`);
    const crops: Quad[] = [];
    const faces = result.face.map((face): DetectedFace => {
      const box = faceBox(face, frame);
      const [rx, ry, rw, rh] = face.boxRaw;
      crops.push([ry, rx, ry + rh, rx + rw]);
      const landmarks = landmarksOf(face);
      return {
        box,
        score: face.score,
        embedding: null,
        sharpness: faceSharpness(frame, box),
        ...(landmarks ? { landmarks } : {}),
      };
    });
    return { faces, crops };
  }

  /** FaceRes (and optionally anti-spoofing and liveness) on the given crops of one frame. */
  async function describe(frame: RgbFrame, faces: DetectedFace[], crops: readonly Crop[]): Promise<DetectedFace[]> {
    if (crops.length === 0) return faces;
    const out = [...faces];
    const image = tf.tidy(() =>
      tf.expandDims(tf.cast(tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32'), 'float32'), 0),
    );
    try {
      for (const crop of crops) {
        const face = out[crop.faceIndex];
        if (!face) continue;
        // Exactly human's crop: cutAndResize to the detector size, scaled to 0..1.
        const unit = tf.tidy(() =>
          tf.div(
            tf.image.cropAndResize(image as TfCore.Tensor4D, [crop.cut], [0], [detectorCropSize, detectorCropSize]),
            255,
          ),
        );
        try {
          const forFaceres = tf.tidy(() =>
            tf.mul(tf.image.resizeBilinear(unit as TfCore.Tensor4D, [faceresSize, faceresSize], false), 255),
          );
          const outputs = asList(faceres.execute(forFaceres));
          forFaceres.dispose();
          const descriptorT = outputs.find((t) => t.shape[1] === EMBEDDING_SIZE);
          const genderT = outputs.find((t) => t.shape[1] === 1);
          const ageT = outputs.find((t) => t.shape[1] === 100);
          const descriptor = descriptorT ? await descriptorT.data() : new Float32Array(0);
          const genderRaw = genderT ? ((await genderT.data())[0] ?? 0.5) : 0.5;
          const age = ageT ? decodeAge(await ageT.data()) : undefined;
          tf.dispose(outputs);
          // An empty descriptor means FaceRes did not run (e.g. model.json loaded without its signature).
          if (descriptor.length !== EMBEDDING_SIZE) {
            throw new Error(`FaceRes returned ${descriptor.length} values, expected ${EMBEDDING_SIZE}`);
          }
          const realScore = antispoof ? await scoreOf(antispoof, unit) : undefined;
          const liveScore = liveness ? await scoreOf(liveness, unit) : undefined;
          out[crop.faceIndex] = {
            ...face,
            embedding: normalise(Float32Array.from(descriptor)),
            gender: { label: genderRaw <= 0.5 ? 'female' : 'male', score: Math.min(1, 2 * Math.abs(genderRaw - 0.5)) },
            ...(age === undefined ? {} : { age }),
            ...(realScore === undefined ? {} : { realScore }),
            ...(liveScore === undefined ? {} : { liveScore }),
          };
        } finally {
          unit.dispose();
        }
      }
    } finally {
      image.dispose();
    }
    return out;
  }

  async function scoreOf(model: GraphModelLike, unit: TfCore.Tensor): Promise<number> {
    const size = inputSize(model, 'realness');
    const resized = tf.image.resizeBilinear(unit as TfCore.Tensor4D, [size, size], false);
    const result = asList(model.execute(resized));
    resized.dispose();
    const value = result[0] ? ((await result[0].data())[0] ?? 0) : 0;
    tf.dispose(result);
    return value;
  }

  async function run(frame: RgbFrame, detectOptions: DetectOptions): Promise<DetectedFace[]> {
    checkFrame(frame);
    const { faces, crops } = await detectOnly(frame);
    if (!detectOptions.embed) return faces;
    const selected: Crop[] = [];
    faces.forEach((face, faceIndex) => {
      const cut = crops[faceIndex];
      if (cut && (detectOptions.embedIf === undefined || detectOptions.embedIf(face)))
        selected.push({ faceIndex, cut });
    });
    return describe(frame, faces, selected);
  }

  async function embedGiven(frame: RgbFrame, faces: readonly DetectedFace[]): Promise<DetectedFace[]> {
    checkFrame(frame);
    // The enlarged detector box is the face box scaled back up around its centre (faceBox's inverse);
    // faces at the frame edge lose a little of their clamped box, so their crop can differ slightly.
    const crops = faces.map((face, faceIndex): Crop => {
      const { x, y, width, height } = face.box;
      const cx = x + width / 2;
      const cy = y + height / 2;
      const side = Math.max(width, height) * DETECTOR_SCALE;
      return {
        faceIndex,
        cut: [
          (cy - side / 2) / frame.height,
          (cx - side / 2) / frame.width,
          (cy + side / 2) / frame.height,
          (cx + side / 2) / frame.width,
        ],
      };
    });
    return describe(frame, [...faces], crops);
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('The face engine is closed'));
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    backend: 'human',
    modelId,
    embeddingSize: EMBEDDING_SIZE,
    detect: (frame, detectOptions) => serial(() => run(frame, detectOptions)),
    embedFaces: (frame, faces) => serial(() => embedGiven(frame, faces)),
    async close() {
      closed = true;
      await queue;
      // The weights stay: human holds them in module scope, shared with any later engine in this
      // process; disposing them here would break that engine.
      logger.info('face engine closed', { tensors: tf.memory().numTensors });
    },
  };
}

function asList(value: TfCore.Tensor | TfCore.Tensor[]): TfCore.Tensor[] {
  return Array.isArray(value) ? value : [value];
}

function isGraphModel(value: unknown): value is GraphModelLike {
  return typeof value === 'object' && value !== null && 'execute' in value && 'inputs' in value;
}

function graphModel(human: HumanInstance, name: string): GraphModelLike {
  const model = human.models.models[name];
  if (!isGraphModel(model)) throw new Error(`human did not load its '${name}' model`);
  return model;
}

/** The square input side of an NHWC model. */
function inputSize(model: GraphModelLike, name: string): number {
  const side = model.inputs[0]?.shape?.[2];
  if (side === undefined || side <= 0) throw new Error(`The '${name}' model has no fixed input size`);
  return side;
}
