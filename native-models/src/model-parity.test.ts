/**
 * Model-by-model parity: each converted ONNX model against human's own TF.js graph model (tfjs-core on the
 * wasm backend, as the human engine runs it), fed the same inputs made from real photos the way human makes
 * them. Tolerance: every output element within 1e-4 + 1e-4 * |tfjs value| (float32 kernels summing in a
 * different order; measured worst cases are about 10x below it).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfConverter from '@tensorflow/tfjs-converter';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileModelHandler } from '../../electron/core/vision/file-model-loader.js';
import { decodeJpeg } from '../../electron/core/vision/decode.js';
import { emotionInput } from '../../electron/core/vision/onnx/face-attributes.js';
import { resizeBilinear, type Image } from '../../electron/core/vision/onnx/resample.js';
import { convertModels, DEFAULT_OUT_DIR, FACE_MODELS, humanModelsDir, type FaceModelName } from './convert-models.js';

const ABS_TOLERANCE = 1e-4;
const REL_TOLERANCE = 1e-4;

const faces = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/faces');
const PHOTOS = [
  'identities/lfw/Colin_Powell/Colin_Powell_0001.jpg',
  'identities/lfw/Tony_Blair/Tony_Blair_0002.jpg',
  'detection/bbt/expressions/happy.jpg',
  'detection/bbt/group_photos/bbt1.jpg',
].map((f) => path.join(faces, f));

/** The model's input for a photo, as human prepares it (whole photo for the detector, the photo as the face crop otherwise). */
function inputFor(model: FaceModelName, photo: Image): { data: Float32Array; shape: number[] } {
  const unit = (size: number) => resizeBilinear(photo, size, size, 1 / 255);
  switch (model) {
    case 'blazeface':
      return { data: resizeBilinear(photo, 256, 256, 1 / 127.5, -1), shape: [1, 256, 256, 3] };
    case 'faceres':
      return { data: resizeBilinear(photo, 224, 224), shape: [1, 224, 224, 3] };
    case 'emotion':
      return { data: emotionInput(unit(64)), shape: [1, 64, 64, 1] };
    case 'antispoof':
      return { data: unit(128), shape: [1, 128, 128, 3] };
    case 'liveness':
      return { data: unit(32), shape: [1, 32, 32, 3] };
  }
}

describe('converted models match TF.js', () => {
  let tf: typeof TfCore;
  let converter: typeof TfConverter;
  const photos: Image[] = [];

  beforeAll(async () => {
    convertModels({ outDir: DEFAULT_OUT_DIR }); // a no-op when postinstall already converted them
    const require = createRequire(import.meta.url);
    tf = require('@tensorflow/tfjs-core') as typeof TfCore;
    converter = require('@tensorflow/tfjs-converter') as typeof TfConverter;
    const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string): void };
    wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);
    await tf.setBackend('wasm');
    await tf.ready();
    for (const file of PHOTOS) {
      const frame = await decodeJpeg(readFileSync(file));
      photos.push({ width: frame.width, height: frame.height, channels: 3, data: frame.data });
    }
  }, 120_000);

  it.each(FACE_MODELS)('%s gives the same outputs on real photos', async (name) => {
    const model = await converter.loadGraphModel(fileModelHandler(tf, path.join(humanModelsDir(), `${name}.json`)));
    const session = await ort.InferenceSession.create(path.join(DEFAULT_OUT_DIR, `${name}.onnx`));
    try {
      for (const [i, photo] of photos.entries()) {
        const { data, shape } = inputFor(name, photo);
        const input = tf.tensor(data, shape);
        const expected = model.execute(input, [...session.outputNames]);
        input.dispose();
        const expectedList = Array.isArray(expected) ? expected : [expected];
        const actual = await session.run({ [session.inputNames[0] as string]: new ort.Tensor('float32', data, shape) });
        for (const [k, outputName] of session.outputNames.entries()) {
          const want = (await expectedList[k]?.data()) as Float32Array;
          const got = actual[outputName]?.data as Float32Array;
          expect(got.length, `${name} ${outputName} size`).toBe(want.length);
          let worst = 0;
          for (let j = 0; j < want.length; j++) {
            const excess =
              Math.abs((got[j] as number) - (want[j] as number)) - REL_TOLERANCE * Math.abs(want[j] as number);
            worst = Math.max(worst, excess);
          }
          expect(worst, `${name} output ${outputName} on ${path.basename(PHOTOS[i] ?? '')}`).toBeLessThanOrEqual(
            ABS_TOLERANCE,
          );
        }
        tf.dispose(expectedList);
      }
    } finally {
      await session.release();
      model.dispose();
    }
  });
});
