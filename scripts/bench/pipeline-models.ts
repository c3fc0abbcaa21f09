/**
 * Bench section `models`: each face model's latency on its own, TF.js-wasm (human's graph model, as the human
 * engine runs it) against onnxruntime-node (the converted model), on the same input made from a real photo,
 * p50 and p95 side by side with the speedup. Converts the models first when they are missing or stale.
 * dlibres (face-api's dlib ResNet recogniser) runs against face-api's own FaceRecognitionNet on tfjs-wasm,
 * when the @vladmandic/face-api dev dependency is installed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfConverter from '@tensorflow/tfjs-converter';
import * as ort from 'onnxruntime-node';
import { convertModels, DEFAULT_OUT_DIR, FACE_MODELS, humanModelsDir } from '../../native-models/src/convert-models.js';
import { DLIBRES_INPUT_SIZE, DLIBRES_MODEL, faceApiModelDir } from '../../native-models/src/face-api-resnet.js';
import { loadFaceApi } from '../eval/face-api-embedder.js';
import { decodeJpeg } from '../../electron/core/vision/decode.js';
import { fileModelHandler } from '../../electron/core/vision/file-model-loader.js';
import { percentile, round, type BenchRow, type BenchSection } from './section.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const photo = path.resolve(root, '../shared/data/faces/identities/lfw/Colin_Powell/Colin_Powell_0001.jpg');

async function time(runs: number, task: () => Promise<unknown>): Promise<number[]> {
  await task(); // warm-up: first runs allocate and compile
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    out.push(performance.now() - t0);
  }
  return out;
}

function figuresOf(tfjs: number[], onnx: number[]) {
  return {
    tfjs_p50_ms: round(percentile(tfjs, 50)),
    tfjs_p95_ms: round(percentile(tfjs, 95)),
    onnx_p50_ms: round(percentile(onnx, 50)),
    onnx_p95_ms: round(percentile(onnx, 95)),
    speedup: round(percentile(tfjs, 50) / percentile(onnx, 50), 1),
  };
}

/** dlibres on a 150 px chip of the photo's pixels: face-api's computeFaceDescriptor against the ONNX model. */
async function dlibresFigures(runs: number, pixels: Uint8Array) {
  const { faceapi, tf } = await loadFaceApi(['faceRecognitionNet']);
  const size = DLIBRES_INPUT_SIZE;
  const chip = Uint8Array.from({ length: size * size * 3 }, (_, i) => pixels[i % pixels.length] ?? 0);
  const session = await ort.InferenceSession.create(path.join(DEFAULT_OUT_DIR, `${DLIBRES_MODEL}.onnx`), {
    graphOptimizationLevel: 'all',
  });
  const tfjs = await time(runs, async () => {
    const input = tf.tensor3d(chip, [size, size, 3], 'int32');
    await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
    input.dispose();
  });
  const data = Float32Array.from(chip);
  const onnx = await time(runs, () => session.run({ input: new ort.Tensor('float32', data, [1, size, size, 3]) }));
  await session.release();
  faceapi.nets.faceRecognitionNet.dispose();
  return figuresOf(tfjs, onnx);
}

export const modelsSection: BenchSection = {
  name: 'models',
  description: 'per-model latency: TF.js-wasm vs onnxruntime-node, same inputs',
  async run(context) {
    const runs = context.quick ? 5 : 30;
    convertModels({ progress: (line) => context.progress(line) });
    const require = createRequire(import.meta.url);
    const tf = require('@tensorflow/tfjs-core') as typeof TfCore;
    const converter = require('@tensorflow/tfjs-converter') as typeof TfConverter;
    const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string): void };
    wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);
    await tf.setBackend('wasm');
    await tf.ready();
    const frame = await decodeJpeg(readFileSync(photo));
    const json: Record<string, unknown> = {};
    const rows: BenchRow[] = [];
    for (const name of FACE_MODELS) {
      context.progress(`${name}: ${runs} runs on each runtime`);
      const model = await converter.loadGraphModel(fileModelHandler(tf, path.join(humanModelsDir(), `${name}.json`)));
      const session = await ort.InferenceSession.create(path.join(DEFAULT_OUT_DIR, `${name}.onnx`), {
        graphOptimizationLevel: 'all',
      });
      const shape = (model.inputs[0]?.shape ?? []).map((d) => (d < 0 ? 1 : d));
      const size = shape.reduce((a, b) => a * b, 1);
      // A real photo's pixels, repeated to fill the input (the cost does not depend on the values).
      const data = Float32Array.from({ length: size }, (_, i) => (frame.data[i % frame.data.length] ?? 0) / 255);
      const tfjs = await time(runs, async () => {
        const input = tf.tensor(data, shape);
        const result = model.execute(input);
        const list = Array.isArray(result) ? result : [result];
        await Promise.all(list.map((t) => t.data()));
        tf.dispose([input, ...list]);
      });
      const onnx = await time(runs, () =>
        session.run({ [session.inputNames[0] as string]: new ort.Tensor('float32', data, shape) }),
      );
      const figures = figuresOf(tfjs, onnx);
      json[name] = figures;
      rows.push({ label: name, values: figures });
      await session.release();
      model.dispose();
    }
    if (faceApiModelDir() === null) {
      context.progress(`${DLIBRES_MODEL}: skipped (@vladmandic/face-api is not installed)`);
    } else {
      context.progress(`${DLIBRES_MODEL}: ${runs} runs on each runtime (tfjs: face-api's own net)`);
      const figures = await dlibresFigures(runs, frame.data);
      json[DLIBRES_MODEL] = figures;
      rows.push({ label: DLIBRES_MODEL, values: figures });
    }
    return { json: { models: json }, rows };
  },
};
