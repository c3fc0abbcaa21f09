/**
 * Reads a TF.js graph model from disk: model.json (validated with zod) and its weight shards, decoded into
 * plain typed arrays. Quantised weights are dequantised here (float16 -> float32, uint8/uint16 affine ->
 * float32), so the op mappers only ever see float32 and int32 tensors.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const attrValueSchema = z
  .object({
    s: z.string().optional(),
    i: z.union([z.string(), z.number()]).optional(),
    f: z.number().optional(),
    b: z.boolean().optional(),
    type: z.string().optional(),
    list: z
      .object({
        s: z.array(z.string()).optional(),
        i: z.array(z.union([z.string(), z.number()])).optional(),
        f: z.array(z.number()).optional(),
      })
      .optional(),
    shape: z.object({ dim: z.array(z.object({ size: z.union([z.string(), z.number()]) })).optional() }).optional(),
  })
  .loose();

const nodeSchema = z.object({
  name: z.string(),
  op: z.string(),
  input: z.array(z.string()).optional(),
  attr: z.record(z.string(), attrValueSchema).optional(),
});

const weightSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.string(),
  quantization: z
    .object({
      dtype: z.string(),
      scale: z.number().optional(),
      min: z.number().optional(),
      original_dtype: z.string().optional(),
    })
    .optional(),
});

/** A TF.js weights manifest: shard groups, each listing its files and the weights they hold, in byte order. */
export const weightsManifestSchema = z.array(z.object({ paths: z.array(z.string()), weights: z.array(weightSchema) }));
export type WeightsManifest = z.infer<typeof weightsManifestSchema>;

const signatureEntrySchema = z.object({ name: z.string() });

const modelJsonSchema = z.object({
  format: z.string().optional(),
  modelTopology: z.object({ node: z.array(nodeSchema) }),
  weightsManifest: weightsManifestSchema,
  signature: z
    .object({
      inputs: z.record(z.string(), signatureEntrySchema).optional(),
      outputs: z.record(z.string(), signatureEntrySchema).optional(),
    })
    .optional(),
});

export type TfNode = z.infer<typeof nodeSchema>;
export type TfAttr = z.infer<typeof attrValueSchema>;

/** A constant tensor: float weights are always float32 here, index tensors int32. */
export interface TfTensor {
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

export interface TfGraph {
  readonly nodes: readonly TfNode[];
  readonly weights: ReadonlyMap<string, TfTensor>;
  /** Output tensor names in the order TF.js reports them (signature order, else graph leaves in node order). */
  readonly outputs: readonly string[];
}

export interface TfModelFiles {
  readonly jsonPath: string;
  readonly binPaths: readonly string[];
}

/** Strips the `:0` output index TF appends to tensor names (every op here has a single output). */
export function tensorNodeName(name: string): string {
  return name.replace(/:0$/, '');
}

/** IEEE 754 half -> float, bit exact (subnormals, infinities and NaN included). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function decodeWeight(
  spec: z.infer<typeof weightSchema>,
  bytes: Buffer,
  offset: number,
  model: string,
): { tensor: TfTensor; size: number } {
  const count = product(spec.shape);
  const view = (n: number) => {
    if (offset + n > bytes.length) {
      throw new Error(
        `${model}: weight "${spec.name}" runs past the end of the weight files (corrupt or truncated .bin).`,
      );
    }
    return bytes.subarray(offset, offset + n);
  };
  const q = spec.quantization;
  if (q) {
    if (spec.dtype !== 'float32')
      throw new Error(`${model}: weight "${spec.name}" quantises ${spec.dtype}, not float32.`);
    const out = new Float32Array(count);
    if (q.dtype === 'float16') {
      const raw = view(count * 2);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(raw.readUInt16LE(i * 2));
      return { tensor: { dtype: 'float32', shape: spec.shape, data: out }, size: count * 2 };
    }
    if (q.dtype === 'uint8' || q.dtype === 'uint16') {
      const width = q.dtype === 'uint8' ? 1 : 2;
      const raw = view(count * width);
      const scale = q.scale ?? 1;
      const min = q.min ?? 0;
      for (let i = 0; i < count; i++) out[i] = (width === 1 ? raw[i]! : raw.readUInt16LE(i * 2)) * scale + min;
      return { tensor: { dtype: 'float32', shape: spec.shape, data: out }, size: count * width };
    }
    throw new Error(
      `${model}: weight "${spec.name}" uses quantisation "${q.dtype}", which the converter does not know.`,
    );
  }
  const raw = view(count * 4);
  // Copy into an aligned buffer: the shard offset need not be a multiple of 4.
  const aligned = new Uint8Array(count * 4);
  aligned.set(raw);
  if (spec.dtype === 'float32') {
    return { tensor: { dtype: 'float32', shape: spec.shape, data: new Float32Array(aligned.buffer) }, size: count * 4 };
  }
  if (spec.dtype === 'int32') {
    return { tensor: { dtype: 'int32', shape: spec.shape, data: new Int32Array(aligned.buffer) }, size: count * 4 };
  }
  throw new Error(`${model}: weight "${spec.name}" has dtype "${spec.dtype}", which the converter does not know.`);
}

/** Decodes the weights a manifest lists from the concatenated shard bytes (dequantised to float32). */
export function decodeWeights(manifest: WeightsManifest, weightBytes: Buffer, model: string): Map<string, TfTensor> {
  const weights = new Map<string, TfTensor>();
  let offset = 0;
  for (const group of manifest) {
    for (const spec of group.weights) {
      const { tensor, size } = decodeWeight(spec, weightBytes, offset, model);
      weights.set(spec.name, tensor);
      offset += size;
    }
  }
  return weights;
}

/** Parses model.json text and the concatenated weight bytes into a graph. */
export function parseTfGraph(jsonText: string, weightBytes: Buffer, model: string): TfGraph {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (error) {
    throw new Error(`${model}: model.json is not valid JSON (${String(error)}).`);
  }
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${model}: model.json is not a TF.js graph model: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
    );
  }
  const json = parsed.data;
  const weights = decodeWeights(json.weightsManifest, weightBytes, model);
  const nodes = json.modelTopology.node;
  const signatureOutputs = json.signature?.outputs;
  let outputs: string[];
  if (signatureOutputs && Object.keys(signatureOutputs).length > 0) {
    outputs = Object.values(signatureOutputs).map((entry) => tensorNodeName(entry.name));
  } else {
    const consumed = new Set(nodes.flatMap((n) => (n.input ?? []).map((i) => tensorNodeName(i.replace(/^\^/, '')))));
    outputs = nodes.filter((n) => !consumed.has(n.name) && n.op !== 'Const').map((n) => n.name);
  }
  return { nodes, weights, outputs };
}

/** The files of model `name` in `dir`: name.json plus the shards its weightsManifest lists. */
export function modelFiles(dir: string, name: string): TfModelFiles {
  const jsonPath = path.join(dir, `${name}.json`);
  const raw: unknown = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const manifest = z.object({ weightsManifest: z.array(z.object({ paths: z.array(z.string()) })) }).parse(raw);
  return { jsonPath, binPaths: manifest.weightsManifest.flatMap((g) => g.paths.map((p) => path.join(dir, p))) };
}

/** sha256 over model.json and its shards, in manifest order: what "the source changed" means. */
export function sourceHash(files: TfModelFiles): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(files.jsonPath));
  for (const bin of files.binPaths) hash.update(readFileSync(bin));
  return hash.digest('hex');
}

export function readTfGraph(files: TfModelFiles, model: string): TfGraph {
  const json = readFileSync(files.jsonPath, 'utf8');
  const bytes = Buffer.concat(files.binPaths.map((p) => readFileSync(p)));
  return parseTfGraph(json, bytes, model);
}
