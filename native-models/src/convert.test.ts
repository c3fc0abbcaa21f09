import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterEach, describe, expect, it } from 'vitest';
import { convertGraph, UnsupportedOpError } from './convert.js';
import { convertModels } from './convert-models.js';
import { encodeModel } from './onnx-writer.js';
import { halfToFloat, parseTfGraph } from './tfjs-graph.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const ints = (...v: number[]) => ({ list: { i: v.map(String) } });

interface Weight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: number[];
}

/** A TF.js model.json + weights in memory, shaped like the converter's real inputs. */
function syntheticModel(nodes: object[], weights: Weight[]): { json: string; bin: Buffer } {
  const json = JSON.stringify({
    format: 'graph-model',
    modelTopology: { node: [...weights.map((w) => ({ name: w.name, op: 'Const', attr: {} })), ...nodes] },
    weightsManifest: [
      { paths: ['model.bin'], weights: weights.map(({ name, shape, dtype }) => ({ name, shape, dtype })) },
    ],
  });
  const bin = Buffer.concat(
    weights.map((w) =>
      Buffer.from(w.dtype === 'float32' ? Float32Array.from(w.values).buffer : Int32Array.from(w.values).buffer),
    ),
  );
  return { json, bin };
}

const input = {
  name: 'x',
  op: 'Placeholder',
  attr: { shape: { shape: { dim: [{ size: '1' }, { size: '2' }, { size: '2' }, { size: '3' }] } } },
};

/** 1x1 conv (3 -> 2 channels) + bias + relu, then flatten in NHWC order and a Mean over H and W. */
function convModel() {
  return syntheticModel(
    [
      input,
      {
        name: 'conv',
        op: '_FusedConv2D',
        input: ['x', 'w', 'b'],
        attr: {
          padding: { s: b64('SAME') },
          strides: ints(1, 1, 1, 1),
          data_format: { s: b64('NHWC') },
          fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu')] } },
        },
      },
      { name: 'flat', op: 'Reshape', input: ['conv', 'shape'] },
      { name: 'mean', op: 'Mean', input: ['conv', 'axes'], attr: { keep_dims: { b: false } } },
    ],
    [
      { name: 'w', shape: [1, 1, 3, 2], dtype: 'float32', values: [1, -1, 2, 0, 0, 3] },
      { name: 'b', shape: [2], dtype: 'float32', values: [0.5, -0.5] },
      { name: 'shape', shape: [2], dtype: 'int32', values: [1, -1] },
      { name: 'axes', shape: [2], dtype: 'int32', values: [1, 2] },
    ],
  );
}

describe('TF.js -> ONNX converter', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a model with an op it does not know and names the op', () => {
    const { json, bin } = syntheticModel(
      [input, { name: 'weird', op: 'Erf', input: ['x'] }, { name: 'out', op: 'Relu', input: ['weird'] }],
      [],
    );
    const graph = parseTfGraph(json, bin, 'tiny');
    expect(() => convertGraph(graph, 'tiny')).toThrow(UnsupportedOpError);
    expect(() => convertGraph(graph, 'tiny')).toThrow(/unsupported TF op "Erf" \(first at node "weird"\)/);
  });

  it('keeps NHWC at the boundary: conv, flatten and mean give the values TF defines', async () => {
    const { json, bin } = convModel();
    const bytes = encodeModel(convertGraph(parseTfGraph(json, bin, 'conv'), 'conv'), 'conv');
    const session = await ort.InferenceSession.create(Buffer.from(bytes));
    // NHWC input, pixel p has channels [p, 2p, -p].
    const x = Float32Array.from({ length: 12 }, (_, i) => [1, 2, -1][i % 3]! * Math.floor(i / 3));
    const out = await session.run({ x: new ort.Tensor('float32', x, [1, 2, 2, 3]) });
    // Per pixel p: c0 = relu(p*1 + 2p*2 + -p*0 + 0.5) = 5p + 0.5; c1 = relu(-p + 0 - 3p - 0.5) = 0.
    const expected = [0, 1, 2, 3].flatMap((p) => [5 * p + 0.5, 0]);
    expect(Array.from(out.flat!.data as Float32Array)).toEqual(expected);
    expect(out.flat!.dims).toEqual([1, 8]);
    expect(Array.from(out.mean!.data as Float32Array)).toEqual([8, 0]);
    await session.release();
  });

  it('writes byte-identical output for the same input', () => {
    const { json, bin } = convModel();
    const once = encodeModel(convertGraph(parseTfGraph(json, bin, 'conv'), 'conv'), 'conv');
    const twice = encodeModel(convertGraph(parseTfGraph(json, bin, 'conv'), 'conv'), 'conv');
    expect(Buffer.from(once).equals(Buffer.from(twice))).toBe(true);
  });

  it('decodes float16 weights exactly', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
  });

  it('converts only what is missing or stale and records it in the manifest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'native-models-'));
    dirs.push(dir);
    const { json, bin } = convModel();
    writeFileSync(path.join(dir, 'conv.json'), json.replace('model.bin', 'conv.bin'));
    writeFileSync(path.join(dir, 'conv.bin'), bin);
    const out = path.join(dir, 'out');
    const first = convertModels({ sourceDir: dir, outDir: out, models: ['conv'] });
    expect(first.converted).toEqual(['conv']);
    const entry = first.manifest.models.conv!;
    expect(entry.opset).toBe(13);
    expect(entry.inputs).toEqual([{ name: 'x', shape: [1, 2, 2, 3] }]);
    expect(entry.outputs).toEqual([
      { name: 'flat', shape: [1, 8] },
      { name: 'mean', shape: [1, 2] },
    ]);
    const onnxBytes = readFileSync(path.join(out, 'conv.onnx'));
    expect(convertModels({ sourceDir: dir, outDir: out, models: ['conv'] }).upToDate).toEqual(['conv']);

    const changed = Buffer.from(bin);
    changed.writeFloatLE(7, 0);
    writeFileSync(path.join(dir, 'conv.bin'), changed);
    const lines: string[] = [];
    const third = convertModels({ sourceDir: dir, outDir: out, models: ['conv'], progress: (l) => lines.push(l) });
    expect(third.converted).toEqual(['conv']);
    expect(lines[0]).toContain('the TF.js model changed');
    expect(readFileSync(path.join(out, 'conv.onnx')).equals(onnxBytes)).toBe(false);
  });
});
