/**
 * dlib's ResNet face descriptor (dlib_face_recognition_resnet_model_v1) as @vladmandic/face-api ports it
 * (src/faceRecognitionNet/*.ts), built as an ONNX graph straight from face-api's weights manifest and .bin:
 * face-api ships no TF graph for it, only the weights and the TypeScript that wires them, so the graph is
 * written here layer by layer, mirroring FaceRecognitionNet.forwardInput.
 *
 * Boundary: `input` is NHWC [N, 150, 150, 3] of raw RGB 0..255 (an aligned 150 px chip); `descriptor` is
 * [N, 128], face-api's raw (not L2-normalised) descriptor. face-api's input normalisation, (rgb - mean) / 255,
 * and the NHWC -> NCHW transpose are inside the graph, so the engine feeds plain pixels.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { OnnxGraph, permute, toInt64 } from './graph-builder.js';
import { decodeWeights, weightsManifestSchema, type TfModelFiles, type TfTensor } from './tfjs-graph.js';

export const DLIBRES_MODEL = 'dlibres';
export const DLIBRES_INPUT_SIZE = 150;
export const DLIBRES_DESCRIPTOR_SIZE = 128;
/** FaceRecognitionNet.forwardInput: normalize(batch, meanRgb).div(255). */
export const DLIBRES_MEAN_RGB = [122.782, 117.001, 104.298] as const;
export const DLIBRES_PIXEL_DIVISOR = 255;

const MANIFEST_FILE = 'face_recognition_model-weights_manifest.json';

/** The residual blocks after conv32_down + max pool, in forwardInput's order; `down` halves H and W. */
const BLOCKS: readonly { readonly name: string; readonly channels: number; readonly down: boolean }[] = [
  { name: 'conv32_1', channels: 32, down: false },
  { name: 'conv32_2', channels: 32, down: false },
  { name: 'conv32_3', channels: 32, down: false },
  { name: 'conv64_down', channels: 64, down: true },
  { name: 'conv64_1', channels: 64, down: false },
  { name: 'conv64_2', channels: 64, down: false },
  { name: 'conv64_3', channels: 64, down: false },
  { name: 'conv128_down', channels: 128, down: true },
  { name: 'conv128_1', channels: 128, down: false },
  { name: 'conv128_2', channels: 128, down: false },
  { name: 'conv256_down', channels: 256, down: true },
  { name: 'conv256_1', channels: 256, down: false },
  { name: 'conv256_2', channels: 256, down: false },
  { name: 'conv256_down_out', channels: 256, down: true },
];
const STEM = { name: 'conv32_down', kernel: 7, channels: 32 } as const;

/** face-api's model/ folder, or null when the package is not installed (a production install). */
export function faceApiModelDir(): string | null {
  const require = createRequire(import.meta.url);
  try {
    return path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  } catch {
    return null;
  }
}

function readManifest(file: string, model: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${model}: ${file} is not readable JSON (${String(error)}). Reinstall @vladmandic/face-api.`);
  }
  const parsed = weightsManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${model}: ${file} is not a TF.js weights manifest: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
    );
  }
  return parsed.data;
}

/** The weights manifest and the shards it lists (what "the source changed" hashes). */
export function faceApiResnetFiles(modelDir: string, model = DLIBRES_MODEL): TfModelFiles {
  const jsonPath = path.join(modelDir, MANIFEST_FILE);
  const manifest = readManifest(jsonPath, model);
  return { jsonPath, binPaths: manifest.flatMap((g) => g.paths.map((p) => path.join(modelDir, p))) };
}

/** Every weight the architecture reads, with its shape (filters HWIO as face-api stores them). */
export function expectedWeightShapes(): Map<string, readonly number[]> {
  const shapes = new Map<string, readonly number[]>();
  const convLayer = (prefix: string, kernel: number, cin: number, cout: number) => {
    shapes.set(`${prefix}/conv/filters`, [kernel, kernel, cin, cout]);
    shapes.set(`${prefix}/conv/bias`, [cout]);
    shapes.set(`${prefix}/scale/weights`, [cout]);
    shapes.set(`${prefix}/scale/biases`, [cout]);
  };
  convLayer(STEM.name, STEM.kernel, 3, STEM.channels);
  let channels: number = STEM.channels;
  for (const block of BLOCKS) {
    convLayer(`${block.name}/conv1`, 3, channels, block.channels);
    convLayer(`${block.name}/conv2`, 3, block.channels, block.channels);
    channels = block.channels;
  }
  shapes.set('fc', [channels, DLIBRES_DESCRIPTOR_SIZE]);
  return shapes;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const MISMATCH_ADVICE =
  'The @vladmandic/face-api recognition weights do not match the architecture native-models/src/face-api-resnet.ts ' +
  'builds: reinstall the package, or update the converter for its new layout.';

/**
 * Reads and dequantises the weights (uint8 affine: q * scale + min, as tfjs does), refusing any name or shape
 * the architecture does not expect, and any weight it expects but the manifest lacks.
 */
export function readFaceApiResnetWeights(files: TfModelFiles, model = DLIBRES_MODEL): Map<string, TfTensor> {
  const manifest = readManifest(files.jsonPath, model);
  const expected = expectedWeightShapes();
  for (const spec of manifest.flatMap((g) => g.weights)) {
    const shape = expected.get(spec.name);
    if (!shape) throw new Error(`${model}: unexpected weight "${spec.name}" in ${files.jsonPath}. ${MISMATCH_ADVICE}`);
    if (!sameShape(shape, spec.shape)) {
      throw new Error(
        `${model}: weight "${spec.name}" has shape [${spec.shape.join(', ')}], expected [${shape.join(', ')}]. ` +
          MISMATCH_ADVICE,
      );
    }
  }
  const bytes = Buffer.concat(files.binPaths.map((p) => readFileSync(p)));
  const weights = decodeWeights(manifest, bytes, model);
  for (const name of expected.keys()) {
    if (!weights.has(name)) throw new Error(`${model}: ${files.jsonPath} lacks weight "${name}". ${MISMATCH_ADVICE}`);
  }
  return weights;
}

/** An NCHW activation: ONNX value name, channels and (static) height and width; the batch stays dynamic. */
interface Activation {
  readonly name: string;
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

/** Writes the net's layers into an OnnxGraph; weight names become initializer names. */
class ResnetWriter {
  readonly g = new OnnxGraph();

  constructor(
    private readonly weights: ReadonlyMap<string, TfTensor>,
    private readonly model: string,
  ) {}

  private weight(name: string): TfTensor {
    const w = this.weights.get(name);
    if (!w) throw new Error(`${this.model}: missing weight "${name}". ${MISMATCH_ADVICE}`);
    return w;
  }

  floats(name: string): Float32Array {
    const data = this.weight(name).data;
    return data instanceof Float32Array ? data : Float32Array.from(data);
  }

  /** convLayer.ts: conv2d (+ bias), then the scale layer (x * weights + biases), then relu when asked. */
  conv(x: Activation, prefix: string, stride: 1 | 2, padding: 'same' | 'valid', relu: boolean): Activation {
    const filters = this.weight(`${prefix}/conv/filters`);
    const [kh, kw, cin, cout] = filters.shape as [number, number, number, number];
    if (cin !== x.c) throw new Error(`${this.model}: "${prefix}" expects ${cin} input channels, gets ${x.c}.`);
    // TF's SAME at stride 1 with an odd kernel pads (k - 1) / 2 on each side; VALID pads nothing.
    if (padding === 'same' && (stride !== 1 || kh % 2 === 0 || kw % 2 === 0)) {
      throw new Error(`${this.model}: "${prefix}" uses SAME padding with stride ${stride} or an even kernel.`);
    }
    const [ph, pw] = padding === 'same' ? [(kh - 1) / 2, (kw - 1) / 2] : [0, 0];
    // face-api filters are HWIO (TF); ONNX wants OIHW.
    const oihw = permute(
      { dtype: 'float32', shape: filters.shape, data: this.floats(`${prefix}/conv/filters`) },
      [3, 2, 0, 1],
    );
    const w = this.g.addInitializer(`${prefix}/conv/filters`, oihw.data as Float32Array, oihw.shape);
    const b = this.g.addInitializer(`${prefix}/conv/bias`, this.floats(`${prefix}/conv/bias`), [cout]);
    const conv = this.g.emit('Conv', `${prefix}/conv`, [x.name, w, b], {
      kernel_shape: [kh, kw],
      strides: [stride, stride],
      pads: [ph, pw, ph, pw],
      dilations: [1, 1],
      group: 1,
    });
    const perChannel = [cout, 1, 1];
    const scale = this.g.addInitializer(`${prefix}/scale/weights`, this.floats(`${prefix}/scale/weights`), perChannel);
    const shift = this.g.addInitializer(`${prefix}/scale/biases`, this.floats(`${prefix}/scale/biases`), perChannel);
    const scaled = this.g.emit('Mul', `${prefix}/scale/mul`, [conv, scale]);
    let out = this.g.emit('Add', `${prefix}/scale/add`, [scaled, shift]);
    if (relu) out = this.g.emit('Relu', `${prefix}/relu`, [out]);
    const size = (n: number, k: number, p: number) => Math.floor((n + 2 * p - k) / stride) + 1;
    return { name: out, c: cout, h: size(x.h, kh, ph), w: size(x.w, kw, pw) };
  }

  pool(x: Activation, opType: 'MaxPool' | 'AveragePool', kernel: number, base: string): Activation {
    const out = this.g.emit(opType, base, [x.name], { kernel_shape: [kernel, kernel], strides: [2, 2] });
    const size = (n: number) => Math.floor((n - kernel) / 2) + 1;
    return { name: out, c: x.c, h: size(x.h), w: size(x.w) };
  }

  /** Zero padding at the end of the channel, height and width axes (Pad takes its pads as an input). */
  padEnd(x: Activation, c: number, h: number, w: number, base: string): Activation {
    const pads = this.g.addInitializer(`${base}/pads`, toInt64([0, 0, 0, 0, 0, c, h, w]), [8]);
    const out = this.g.emit('Pad', base, [x.name, pads], { mode: 'constant' });
    return { name: out, c: x.c + c, h: x.h + h, w: x.w + w };
  }

  add(a: Activation, b: Activation, base: string): Activation {
    if (a.c !== b.c || a.h !== b.h || a.w !== b.w) {
      throw new Error(`${this.model}: "${base}" adds [${a.c},${a.h},${a.w}] to [${b.c},${b.h},${b.w}].`);
    }
    const sum = this.g.emit('Add', `${base}/add`, [a.name, b.name]);
    return { ...a, name: this.g.emit('Relu', `${base}/relu`, [sum]) };
  }

  /** residualLayer.ts residual(): relu(conv2(conv1(x)) + x). */
  residual(x: Activation, prefix: string): Activation {
    const out = this.conv(this.conv(x, `${prefix}/conv1`, 1, 'same', true), `${prefix}/conv2`, 1, 'same', false);
    return this.add(out, x, prefix);
  }

  /**
   * residualLayer.ts residualDown(): the conv path strides 2 VALID; the shortcut is a 2x2 average pool, padded
   * with zero channels up to the conv path's; where VALID leaves the conv path one pixel smaller than the
   * pool, face-api appends a zero row and column to the conv path.
   */
  residualDown(x: Activation, prefix: string): Activation {
    let out = this.conv(this.conv(x, `${prefix}/conv1`, 2, 'valid', true), `${prefix}/conv2`, 1, 'same', false);
    let pooled = this.pool(x, 'AveragePool', 2, `${prefix}/avgpool`);
    const dh = pooled.h - out.h;
    const dw = pooled.w - out.w;
    if (dh !== 0 || dw !== 0) {
      if (dh !== 1 || dw !== 1) throw new Error(`${this.model}: "${prefix}" leaves a ${dh}x${dw} size gap.`);
      out = this.padEnd(out, 0, 1, 1, `${prefix}/pad_hw`);
    }
    if (pooled.c !== out.c) pooled = this.padEnd(pooled, out.c - pooled.c, 0, 0, `${prefix}/pad_c`);
    return this.add(pooled, out, prefix);
  }
}

/** FaceRecognitionNet.forwardInput as an ONNX graph (opset 13), for the weights read above. */
export function buildFaceApiResnet(weights: ReadonlyMap<string, TfTensor>, model = DLIBRES_MODEL): OnnxGraph {
  const writer = new ResnetWriter(weights, model);
  const g = writer.g;
  const size = DLIBRES_INPUT_SIZE;
  // The boundary names first, so no internal value can take them.
  const input = g.uniqueName('input');
  const descriptor = g.uniqueName('descriptor');
  g.inputs.push({ name: input, shape: [-1, size, size, 3] });

  const mean = g.addInitializer('normalise/mean_rgb', Float32Array.from(DLIBRES_MEAN_RGB), [3]);
  const divisor = g.addInitializer('normalise/divisor', Float32Array.of(DLIBRES_PIXEL_DIVISOR), []);
  const centred = g.emit('Sub', 'normalise/sub', [input, mean]);
  const scaled = g.emit('Div', 'normalise/div', [centred, divisor]);
  const nchw = g.emit('Transpose', 'normalise/nchw', [scaled], { perm: [0, 3, 1, 2] });

  let x: Activation = { name: nchw, c: 3, h: size, w: size };
  x = writer.conv(x, STEM.name, 2, 'valid', true);
  x = writer.pool(x, 'MaxPool', 3, `${STEM.name}/maxpool`);
  for (const block of BLOCKS) x = block.down ? writer.residualDown(x, block.name) : writer.residual(x, block.name);

  const pooled = g.emit('ReduceMean', 'global_avg', [x.name], { axes: [2, 3], keepdims: 0 });
  const fcShape = expectedWeightShapes().get('fc') as readonly number[];
  const fc = g.addInitializer('fc', writer.floats('fc'), fcShape);
  g.nodes.push({ opType: 'MatMul', name: descriptor, inputs: [pooled, fc], outputs: [descriptor], attributes: {} });
  g.outputs.push({ name: descriptor, shape: [-1, DLIBRES_DESCRIPTOR_SIZE] });
  return g;
}
