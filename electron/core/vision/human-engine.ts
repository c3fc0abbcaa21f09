/**
 * The FaceEngine on @vladmandic/human with TF.js on its wasm backend, in plain Node: BlazeFace finds
 * faces, FaceRes turns each into a 1024-d descriptor. Nothing else human offers is loaded.
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
import type { Box, DetectOptions, DetectedFace, FaceEngine, RgbFrame } from './types.js';

type Tf = typeof TfCore;
type Quad = [number, number, number, number];

/** The part of a human face result this engine reads. */
interface HumanFace {
  readonly boxRaw: Quad;
  readonly score: number;
  readonly embedding?: number[];
}

/** The part of the Human class this engine uses (its typings bring their own copy of tfjs types). */
interface HumanInstance {
  readonly version: string;
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
}

/** BlazeFace's box enlargement human applies before cropping for FaceRes (its default). */
const DETECTOR_SCALE = 1.4;
const EMBEDDING_SIZE = 1024;

function humanConfig(options: {
  modelBasePath: string;
  wasmPath: string;
  maxFaces: number;
  minScore: number;
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
      antispoof: { enabled: false },
      liveness: { enabled: false },
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

  const config = humanConfig({
    modelBasePath: pathToFileURL(modelsDir).href + '/',
    wasmPath: wasmDir.endsWith(path.sep) ? wasmDir : wasmDir + path.sep,
    maxFaces: options.maxFaces ?? 10,
    minScore: options.minDetectionScore ?? 0.3,
  });
  const human = new humanModule.Human(config);
  await human.init();
  await human.load();
  if (tf.getBackend() !== 'wasm') throw new Error(`TF.js runs on '${tf.getBackend()}', expected 'wasm'`);

  const modelId = `human-faceres-${human.version}`;
  logger.info('face engine ready', {
    backend: 'human',
    modelId,
    tfBackend: tf.getBackend(),
    initMs: Math.round(performance.now() - started),
  });

  // human keeps per-call state (and its models keep module state), so calls run one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function run(frame: RgbFrame, detectOptions: DetectOptions): Promise<DetectedFace[]> {
    if (frame.data.length !== frame.width * frame.height * 3 || frame.width < 1 || frame.height < 1) {
      throw new Error(`Invalid RgbFrame ${frame.width}x${frame.height} with ${frame.data.length} bytes`);
    }
    const input = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
    let result: Awaited<ReturnType<HumanInstance['detect']>>;
    try {
      result = await human.detect(input, { face: { description: { enabled: detectOptions.embed } } });
    } finally {
      input.dispose();
    }
    if (result.error) throw new Error(`Face detection failed: ${result.error}`);
    return result.face.map((face): DetectedFace => {
      const box = faceBox(face, frame);
      let embedding: Float32Array | null = null;
      if (detectOptions.embed) {
        const raw = face.embedding ?? [];
        // An empty descriptor means FaceRes did not run (e.g. model.json loaded without its signature).
        if (raw.length !== EMBEDDING_SIZE) {
          throw new Error(`FaceRes returned ${raw.length} values, expected ${EMBEDDING_SIZE}`);
        }
        embedding = normalise(raw);
      }
      return { box, score: face.score, embedding, sharpness: faceSharpness(frame, box) };
    });
  }

  return {
    backend: 'human',
    modelId,
    embeddingSize: EMBEDDING_SIZE,
    detect(frame, detectOptions) {
      if (closed) return Promise.reject(new Error('The face engine is closed'));
      const next = queue.then(() => run(frame, detectOptions));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      closed = true;
      await queue;
      // The weights stay: human holds them in module scope, shared with any later engine in this
      // process; disposing them here would break that engine.
      logger.info('face engine closed', { tensors: tf.memory().numTensors });
    },
  };
}
