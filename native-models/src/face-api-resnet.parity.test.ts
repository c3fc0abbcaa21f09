/**
 * dlibres parity: the converted ONNX model against face-api's own FaceRecognitionNet (tfjs on the wasm
 * backend, through the eval's face-api loader) on real 150 px face chips: dlib's own aligned chips, and LFW
 * photos centre-cropped to the face and resized with sharp. face-api gets the raw RGB chip as an int32
 * tensor, exactly as the eval feeds it; the ONNX model gets the same pixels as float32.
 * Tolerance: every element within 1e-5 + 1e-5 * |face-api value| (float32 kernels summing in a different
 * order; the measured worst over dlib's 55 chips is 3.3e-7 on values up to 0.41), and cosine >= 0.99999 per
 * chip. Tight on purpose: dividing the pixels by 256 instead of face-api's 255 moves the descriptor by only
 * about 2e-4, and cosine hardly at all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { loadFaceApi } from '../../scripts/eval/face-api-embedder.js';
import { decodeJpeg } from '../../electron/core/vision/decode.js';
import { convertModels, DEFAULT_OUT_DIR } from './convert-models.js';
import { DLIBRES_DESCRIPTOR_SIZE, DLIBRES_INPUT_SIZE, DLIBRES_MODEL } from './face-api-resnet.js';

const ABS_TOLERANCE = 1e-5;
const REL_TOLERANCE = 1e-5;
const MIN_COSINE = 0.99999;

const faces = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/faces/identities');
const DLIB_CHIPS = [
  'John_Salley/000179_02159509.jpg',
  'John_Salley/000190_02159501.jpg',
  'John_Savage/000264_01099001.jpg',
  'John_Savage/000290_01099067.jpg',
  'John_Schneider/000288_00925786.jpg',
  'John_Schneider/000326_00925765.jpg',
  'John_Shimkus/000373_03228153.jpg',
  'John_Shimkus/000383_03227939.jpg',
  'John_Simm/000288_00470387.jpg',
  'John_Simm/000305_00470162.jpg',
].map((f) => path.join(faces, 'dlib', f));
const LFW_PHOTOS = [
  'Colin_Powell/Colin_Powell_0001.jpg',
  'Tony_Blair/Tony_Blair_0002.jpg',
  'George_W_Bush/George_W_Bush_0001.jpg',
  'Hugo_Chavez/Hugo_Chavez_0001.jpg',
].map((f) => path.join(faces, 'lfw', f));

interface Chip {
  readonly name: string;
  readonly rgb: Uint8Array;
}

const SIZE = DLIBRES_INPUT_SIZE;

/** LFW photos are 250 px with the face in the middle: the central 120 px, resized to the net's 150. */
async function lfwChip(file: string): Promise<Uint8Array> {
  const { data, info } = await sharp(readFileSync(file))
    .extract({ left: 65, top: 65, width: 120, height: 120 })
    .resize(SIZE, SIZE)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== SIZE || info.height !== SIZE || info.channels !== 3) throw new Error(`${file}: bad chip`);
  return new Uint8Array(data);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

/** The worst element's |difference| beyond the relative part of the tolerance. */
function excess(got: Float32Array, want: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const diff = Math.abs((got[i] as number) - (want[i] as number));
    worst = Math.max(worst, diff - REL_TOLERANCE * Math.abs(want[i] as number));
  }
  return worst;
}

describe('dlibres matches face-api FaceRecognitionNet', () => {
  const chips: Chip[] = [];
  const expected = new Map<string, Float32Array>();
  let session: ort.InferenceSession;

  beforeAll(async () => {
    convertModels({ models: [DLIBRES_MODEL] }); // a no-op when postinstall already converted it
    for (const file of DLIB_CHIPS) {
      const frame = await decodeJpeg(readFileSync(file));
      if (frame.width !== SIZE || frame.height !== SIZE) throw new Error(`${file} is not a ${SIZE} px chip`);
      chips.push({ name: `dlib/${path.relative(path.join(faces, 'dlib'), file)}`, rgb: frame.data });
    }
    for (const file of LFW_PHOTOS) chips.push({ name: `lfw/${path.basename(file)}`, rgb: await lfwChip(file) });

    const { faceapi, tf } = await loadFaceApi(['faceRecognitionNet']);
    for (const chip of chips) {
      const input = tf.tensor3d(chip.rgb, [SIZE, SIZE, 3], 'int32');
      const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
      input.dispose();
      if (!(descriptor instanceof Float32Array)) throw new Error('face-api returned a batch for one chip');
      expected.set(chip.name, descriptor);
    }
    faceapi.nets.faceRecognitionNet.dispose();
    session = await ort.InferenceSession.create(path.join(DEFAULT_OUT_DIR, `${DLIBRES_MODEL}.onnx`));
  }, 180_000);

  afterAll(async () => {
    await session?.release();
  });

  const run = async (rgb: Uint8Array, batch: number): Promise<Float32Array> => {
    const input = new ort.Tensor('float32', Float32Array.from(rgb), [batch, SIZE, SIZE, 3]);
    const out = await session.run({ input });
    const descriptor = out.descriptor;
    expect(descriptor?.dims).toEqual([batch, DLIBRES_DESCRIPTOR_SIZE]);
    return descriptor?.data as Float32Array;
  };

  it('gives face-api its own descriptor on each real face chip', async () => {
    expect(chips.length).toBeGreaterThanOrEqual(14);
    for (const chip of chips) {
      const want = expected.get(chip.name)!;
      const got = await run(chip.rgb, 1);
      expect(got.length, chip.name).toBe(want.length);
      expect(excess(got, want), `${chip.name}: max |Δ| beyond the relative tolerance`).toBeLessThanOrEqual(
        ABS_TOLERANCE,
      );
      expect(cosine(got, want), `${chip.name}: cosine to face-api's descriptor`).toBeGreaterThanOrEqual(MIN_COSINE);
    }
  });

  it('runs a batch of chips in one call, each getting its own descriptor', async () => {
    const batch = chips.slice(0, 4);
    const rgb = new Uint8Array(batch.length * SIZE * SIZE * 3);
    batch.forEach((chip, i) => rgb.set(chip.rgb, i * SIZE * SIZE * 3));
    const got = await run(rgb, batch.length);
    for (const [i, chip] of batch.entries()) {
      const one = got.subarray(i * DLIBRES_DESCRIPTOR_SIZE, (i + 1) * DLIBRES_DESCRIPTOR_SIZE);
      expect(excess(one, expected.get(chip.name)!), `${chip.name} in a batch`).toBeLessThanOrEqual(ABS_TOLERANCE);
    }
  });
});
