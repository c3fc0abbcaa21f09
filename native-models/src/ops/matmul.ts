/** Dense layers: MatMul and _FusedMatMul (bias plus activation) as ONNX Gemm. */
import type { GraphBuilder } from '../graph-builder.js';
import type { TfNode } from '../tfjs-graph.js';
import { applyActivation } from './activation.js';
import { boolAttr, stringListAttr, unsupported } from './attrs.js';
import type { OpMappers } from './types.js';

function matmul(node: TfNode, b: GraphBuilder, fused: boolean): void {
  const x = b.input(node, 0);
  const w = b.input(node, 1);
  if (x.shape.length !== 2 || w.shape.length !== 2) unsupported(b.model, node, 'a MatMul on tensors of rank > 2');
  const transA = boolAttr(node, 'transpose_a');
  const transB = boolAttr(node, 'transpose_b');
  const inputs = [b.plain(x), b.plain(w)];
  let activation: string | undefined;
  const n = transB ? (w.shape[0] as number) : (w.shape[1] as number);
  if (fused) {
    const ops = stringListAttr(node, 'fused_ops');
    if (ops[0] !== 'BiasAdd' || ops.length > 2) unsupported(b.model, node, `fused_ops ${ops.join('+') || '(none)'}`);
    inputs.push(b.plain(b.input(node, 2)));
    activation = ops[1];
  }
  const gemm = b.emit('Gemm', `${node.name}/gemm`, inputs, { transA: transA ? 1 : 0, transB: transB ? 1 : 0 });
  const out = applyActivation(b, node, activation, gemm, () => b.plain(b.input(node, 3)));
  const m = transA ? (x.shape[1] as number) : (x.shape[0] as number);
  b.define({ tfName: node.name, onnxName: out, layout: 'plain', shape: [m, n], constant: undefined });
}

export const matmulMappers: OpMappers = {
  MatMul: (node, b) => matmul(node, b, false),
  _FusedMatMul: (node, b) => matmul(node, b, true),
};
