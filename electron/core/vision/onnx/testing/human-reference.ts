/**
 * Test support: human 3.3.6 itself (TF.js on wasm, every face model on) as the reference the ONNX engine is
 * compared with. Configured as the human engine configures it (mesh and rotation off, detector scale 1.4,
 * IoU 0.1, no caching or skipping), plus emotion, with every confidence floor at
 * 0 so each face reports all attributes. Its results are human's own, unrounded where human allows.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import { ensureFileModelRouter } from '../../file-model-loader.js';
import type { RgbFrame } from '../../types.js';

export interface ReferenceFace {
  /** Enlarged square crop box as fractions of the frame: [x, y, width, height]. */
  readonly boxRaw: readonly [number, number, number, number];
  readonly score: number;
  readonly embedding: readonly number[];
  readonly age: number;
  readonly gender: string;
  /** human's emotion list (scores truncated to 0.01), best first. */
  readonly emotion: readonly { readonly score: number; readonly emotion: string }[];
}

export interface HumanReference {
  readonly version: string;
  detect(frame: RgbFrame): Promise<ReferenceFace[]>;
  /** The TF.js instance human uses (its models run through it). */
  readonly tf: typeof TfCore;
}

interface HumanLike {
  readonly version: string;
  init(): Promise<void>;
  load(): Promise<void>;
  detect(input: TfCore.Tensor): Promise<{ face: ReferenceFace[]; error: string | null }>;
}

export async function createHumanReference(): Promise<HumanReference> {
  const require = createRequire(import.meta.url);
  const humanDir = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
  const fromHuman = createRequire(path.join(humanDir, 'package.json'));
  const humanModule = fromHuman(path.join(humanDir, 'dist', 'human.node-wasm.js')) as {
    Human: new (config: object) => HumanLike;
  };
  const tf = fromHuman('@tensorflow/tfjs-core') as typeof TfCore;
  ensureFileModelRouter(tf);
  const wasmDir = path.dirname(fromHuman.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
  const off = { enabled: false };
  const every = { skipFrames: 0, skipTime: 0 };
  const human = new humanModule.Human({
    backend: 'wasm',
    wasmPath: wasmDir,
    modelBasePath: pathToFileURL(path.join(humanDir, 'models')).href + '/',
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: off,
    gesture: off,
    body: off,
    hand: off,
    object: off,
    segmentation: off,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 10, minConfidence: 0.3, iouThreshold: 0.1, scale: 1.4, ...every },
      mesh: off,
      attention: off,
      iris: off,
      emotion: { enabled: true, minConfidence: 0, ...every },
      // Off: their parity is checked model by model (native-models); here they would only cost time.
      antispoof: off,
      liveness: off,
      description: { enabled: true, minConfidence: 0, ...every },
    },
  });
  await human.init();
  await human.load();
  return {
    version: human.version,
    tf,
    async detect(frame) {
      const input = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
      try {
        const result = await human.detect(input);
        if (result.error) throw new Error(result.error);
        return result.face;
      } finally {
        input.dispose();
      }
    },
  };
}
