/**
 * @vladmandic/face-api's 128-d ResNet recogniser (the dlib face_recognition_resnet_model_v1 port) as a
 * PhotoEmbedder, for scripts/eval/compare-recognisers.ts only: face-api is NOT on the product's runtime path.
 * It runs face-api's own pipeline: SSD MobileNet v1 detector, 68-point landmarks, the face cropped on the
 * landmarks' aligned box, then the descriptor. Descriptors are L2-normalised so the eval scores them with the
 * same cosine (dot) as our engines; dlib's own Euclidean threshold does not apply.
 */
import { readFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as FaceApi from '@vladmandic/face-api';
import { normalise } from '../../electron/core/matching/similarity.js';
import { decodeJpeg, padFrame } from '../../electron/core/vision/decode.js';
import type { DetectedFace, RgbFrame } from '../../electron/core/vision/types.js';
import { centralFace, type PhotoEmbedder } from './face-eval.js';
import { registerChainedOps } from './tfjs-chained-ops.js';

type FaceApiModule = typeof FaceApi;

/** What face-api returns per face from detectAllFaces().withFaceLandmarks().withFaceDescriptors(). */
export interface FaceApiResult {
  readonly detection: {
    readonly score: number;
    readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  };
  readonly descriptor: Float32Array;
}

/** face-api's results as DetectedFaces (normalised embedding), so the eval's central-face rule picks the subject. */
export function toDetectedFaces(results: readonly FaceApiResult[]): DetectedFace[] {
  return results.map(({ detection, descriptor }) => ({
    box: { x: detection.box.x, y: detection.box.y, width: detection.box.width, height: detection.box.height },
    score: detection.score,
    embedding: normalise(descriptor),
    sharpness: 0,
  }));
}

interface ResolvingModule {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}

/**
 * face-api's Node wasm build requires the umbrella `@tensorflow/tfjs`, which we do not install; everything it
 * uses comes from tfjs-core (ops, io) and the wasm/cpu backends, which we do. The umbrella name is pointed at a
 * module made of those for the one require, then the resolver is put back. Also used by the dlibres parity
 * test and the bench (native-models/src/face-api-resnet.ts converts face-api's recogniser to ONNX).
 */
export function requireFaceApi(): { faceapi: FaceApiModule; tf: typeof TfCore } {
  const require = createRequire(import.meta.url);
  const shimId = path.join(path.dirname(require.resolve('@tensorflow/tfjs-core')), '__face-api-tfjs-shim__.js');
  const shim = new Module(shimId);
  shim.filename = shimId;
  shim.loaded = true;
  const tf = require('@tensorflow/tfjs-core') as typeof TfCore;
  registerChainedOps(tf);
  shim.exports = { ...tf, ...(require('@tensorflow/tfjs-backend-cpu') as object) };
  require.cache[shimId] = shim;
  const resolver = Module as unknown as ResolvingModule;
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function (request, parent, ...rest) {
    return request === '@tensorflow/tfjs' ? shimId : original.call(this, request, parent, ...rest);
  };
  try {
    return { faceapi: require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiModule, tf };
  } finally {
    resolver._resolveFilename = original;
  }
}

export interface FaceApiEmbedder extends PhotoEmbedder {
  close(): Promise<void>;
}

type FaceApiNet = 'ssdMobilenetv1' | 'faceLandmark68Net' | 'faceRecognitionNet';

/** face-api on tfjs wasm with these nets loaded from the package's model/ folder. */
export async function loadFaceApi(nets: readonly FaceApiNet[]): Promise<{ faceapi: FaceApiModule; tf: typeof TfCore }> {
  const { faceapi, tf } = requireFaceApi();
  const require = createRequire(import.meta.url);
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await tf.setBackend('wasm');
  await tf.ready();
  for (const net of nets) await faceapi.nets[net].loadFromDisk(modelDir);
  return { faceapi, tf };
}

/** Loads face-api's detector, landmark and recognition models from the package's model/ folder on tfjs wasm. */
export async function createFaceApiEmbedder(minConfidence = 0.5): Promise<FaceApiEmbedder> {
  const { faceapi, tf } = await loadFaceApi(['ssdMobilenetv1', 'faceLandmark68Net', 'faceRecognitionNet']);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence });

  const facesIn = async (frame: RgbFrame): Promise<DetectedFace[]> => {
    const input = tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
    try {
      const results = await faceapi.detectAllFaces(input, options).withFaceLandmarks().withFaceDescriptors();
      return toDetectedFaces(results);
    } finally {
      input.dispose();
    }
  };

  return {
    name: 'face-api',
    async embed(file) {
      const frame = await decodeJpeg(await readFile(file));
      const found = centralFace(await facesIn(frame), frame);
      if (found) return found.embedding;
      // Same retry as the eval's engine embedder: tight crops get a grey border of half their size.
      const padded = padFrame(frame, Math.round(Math.max(frame.width, frame.height) / 2));
      return centralFace(await facesIn(padded), padded)?.embedding ?? null;
    },
    async close() {
      tf.disposeVariables();
      await Promise.resolve();
    },
  };
}
