/**
 * Builds the ONNX graph while the op mappers walk the TF graph, and owns the layout decision.
 *
 * Layout: TF.js models are NHWC; ONNX's Conv and MaxPool are NCHW only. Rather than wrapping every Conv and
 * Pool in a Transpose pair (and relying on the runtime to cancel them), the whole graph runs NCHW inside:
 * each 4-D activation carries a layout tag, the graph input is transposed once, constants that broadcast
 * against an NCHW activation are permuted at conversion time, and a Transpose back to NHWC is inserted only
 * where an op depends on element order (Reshape/flatten, MatMul, Softmax) and at the graph outputs. The
 * model's boundary therefore stays NHWC, exactly as TF.js sees it, and a blazeface or faceres graph has
 * one Transpose in and at most one per output.
 *
 * Shapes are tracked in TF (NHWC) terms whatever the layout, with -1 for an unknown (batch) dimension.
 */
import type { TfGraph, TfNode, TfTensor } from './tfjs-graph.js';
import { tensorNodeName } from './tfjs-graph.js';

export type Layout = 'nchw' | 'plain';

/** A TF tensor as the converter sees it: an ONNX value name (or a constant not yet emitted). */
export interface Value {
  readonly tfName: string;
  /** ONNX name of the value in `layout`; undefined for a constant that has not been materialised. */
  readonly onnxName: string | undefined;
  readonly layout: Layout;
  /** TF (NHWC) shape, -1 where unknown. */
  readonly shape: readonly number[];
  readonly constant: TfTensor | undefined;
}

export type AttrValue = number | string | readonly number[] | { readonly float: number };

export interface OnnxNodeSpec {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttrValue>>;
}

export interface OnnxInitializer {
  readonly name: string;
  readonly dtype: 'float32' | 'int64';
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

export interface OnnxIo {
  readonly name: string;
  readonly shape: readonly number[];
}

/** NHWC axis -> NCHW axis. */
export const NHWC_TO_NCHW = [0, 3, 1, 2] as const;
export const NCHW_TO_NHWC = [0, 2, 3, 1] as const;

/**
 * The ONNX graph under construction, independent of where it comes from: nodes, initializers and the
 * boundary, with unique names. What onnx-writer.ts serialises; GraphBuilder adds the TF graph walk on top.
 */
export class OnnxGraph {
  readonly nodes: OnnxNodeSpec[] = [];
  readonly initializers: OnnxInitializer[] = [];
  readonly inputs: OnnxIo[] = [];
  readonly outputs: OnnxIo[] = [];
  private readonly usedNames = new Set<string>();

  /** A name no other value uses, derived from `base` (deterministic: depends only on emission order). */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  addInitializer(base: string, tensor: OnnxInitializer['data'], dims: readonly number[]): string {
    const name = this.uniqueName(base);
    this.initializers.push({
      name,
      dtype: tensor instanceof Float32Array ? 'float32' : 'int64',
      dims,
      data: tensor,
    });
    return name;
  }

  emit(opType: string, base: string, inputs: readonly string[], attributes: OnnxNodeSpec['attributes'] = {}): string {
    const output = this.uniqueName(base);
    this.nodes.push({ opType, name: output, inputs, outputs: [output], attributes });
    return output;
  }
}

export class GraphBuilder extends OnnxGraph {
  private readonly values = new Map<string, Value>();
  private readonly plainCache = new Map<string, string>();
  private readonly nchwCache = new Map<string, string>();

  constructor(
    readonly graph: TfGraph,
    readonly model: string,
  ) {
    super();
  }

  define(value: Value): void {
    this.values.set(value.tfName, value);
  }

  /** The value feeding input `index` of `node`; a TF Const becomes a constant value on first use. */
  input(node: TfNode, index: number): Value {
    const raw = (node.input ?? []).filter((i) => !i.startsWith('^'))[index];
    if (raw === undefined) throw new Error(`${this.model}: node "${node.name}" (${node.op}) lacks input ${index}.`);
    const name = tensorNodeName(raw);
    if (/:\d+$/.test(name)) {
      throw new Error(`${this.model}: node "${node.name}" reads output ${raw}; only single-output ops are supported.`);
    }
    const value = this.values.get(name);
    if (value) return value;
    const weight = this.graph.weights.get(name);
    if (weight) {
      const constant: Value = {
        tfName: name,
        onnxName: undefined,
        layout: 'plain',
        shape: weight.shape,
        constant: weight,
      };
      this.values.set(name, constant);
      return constant;
    }
    throw new Error(`${this.model}: node "${node.name}" reads "${name}", which is neither a node nor a weight.`);
  }

  constantInput(node: TfNode, index: number): TfTensor {
    const value = this.input(node, index);
    if (!value.constant) {
      throw new Error(`${this.model}: node "${node.name}" (${node.op}) needs a constant input ${index}.`);
    }
    return value.constant;
  }

  /** The value in NHWC element order (a Transpose back when it runs NCHW; constants as initializers). */
  plain(value: Value): string {
    if (value.constant) return this.constantName(value, value.constant);
    if (value.layout === 'plain') return value.onnxName as string;
    const cached = this.plainCache.get(value.tfName);
    if (cached) return cached;
    const name = this.emit('Transpose', `${value.tfName}/nhwc`, [value.onnxName as string], { perm: NCHW_TO_NHWC });
    this.plainCache.set(value.tfName, name);
    return name;
  }

  /** The value as NCHW (a 4-D activation); a Transpose is inserted for a plain 4-D value. */
  nchw(value: Value): string {
    if (value.shape.length !== 4) {
      throw new Error(`${this.model}: "${value.tfName}" has rank ${value.shape.length}; expected a 4-D NHWC tensor.`);
    }
    if (value.constant) {
      const permuted = permute(value.constant, NHWC_TO_NCHW);
      return this.addInitializer(`${value.tfName}/nchw`, toFloat(permuted.data), permuted.shape);
    }
    if (value.layout === 'nchw') return value.onnxName as string;
    const cached = this.nchwCache.get(value.tfName);
    if (cached) return cached;
    const name = this.emit('Transpose', `${value.tfName}/nchw`, [value.onnxName as string], { perm: NHWC_TO_NCHW });
    this.nchwCache.set(value.tfName, name);
    return name;
  }

  /**
   * A constant operand of an elementwise op whose other operand runs NCHW: right-aligned to rank 4 as TF
   * broadcasting does, then permuted, so [C] becomes [1, C, 1, 1]. Scalars stay scalars.
   */
  broadcastConstantForNchw(value: Value, constant: TfTensor): string {
    if (constant.data.length === 1) return this.constantName(value, constant);
    if (constant.shape.length > 4) throw new Error(`${this.model}: constant "${value.tfName}" has rank > 4.`);
    const shape4 = [...new Array<number>(4 - constant.shape.length).fill(1), ...constant.shape];
    const permuted = permute({ ...constant, shape: shape4 }, NHWC_TO_NCHW);
    return this.addInitializer(`${value.tfName}/nchw`, toFloat(permuted.data), permuted.shape);
  }

  private readonly constantNames = new Map<string, string>();

  private constantName(value: Value, constant: TfTensor): string {
    const cached = this.constantNames.get(value.tfName);
    if (cached) return cached;
    const name = this.addInitializer(value.tfName, toFloat(constant.data), constant.shape);
    this.constantNames.set(value.tfName, name);
    return name;
  }
}

export function toFloat(data: Float32Array | Int32Array): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}

export function toInt64(values: readonly number[] | Int32Array): BigInt64Array {
  return BigInt64Array.from(Array.from(values, (v) => BigInt(v)));
}

/** Transposes a constant tensor: output axis i is input axis perm[i]. */
export function permute(tensor: TfTensor, perm: readonly number[]): TfTensor {
  const rank = tensor.shape.length;
  if (perm.length !== rank) throw new Error(`Cannot permute a rank-${rank} tensor with ${perm.length} axes.`);
  const inShape = tensor.shape;
  const outShape = perm.map((p) => inShape[p] as number);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = (inStrides[i + 1] as number) * (inShape[i + 1] as number);
  const out =
    tensor.data instanceof Float32Array ? new Float32Array(tensor.data.length) : new Int32Array(tensor.data.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += (index[i] as number) * (inStrides[perm[i] as number] as number);
    out[o] = tensor.data[src] as number;
    for (let i = rank - 1; i >= 0; i--) {
      index[i] = (index[i] as number) + 1;
      if ((index[i] as number) < (outShape[i] as number)) break;
      index[i] = 0;
    }
  }
  return { dtype: tensor.dtype, shape: outShape, data: out };
}

/** TF broadcasting of two shapes (-1 = unknown). */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    out.push(x === 1 ? y : y === 1 ? x : x === -1 ? y : x);
  }
  return out;
}
