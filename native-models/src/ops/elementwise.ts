/**
 * Elementwise ops: binary arithmetic with TF broadcasting (Add, AddV2, Sub, Mul, RealDiv, Minimum, Maximum),
 * unary activations (Relu, Relu6, Sigmoid, Tanh, Elu), Prelu and Identity. They keep their input's layout:
 * when one operand runs NCHW, a constant operand is permuted to match (see GraphBuilder).
 */
import { broadcastShapes, type GraphBuilder, type Value } from '../graph-builder.js';
import type { TfNode } from '../tfjs-graph.js';
import { applyActivation } from './activation.js';
import { unsupported } from './attrs.js';
import type { OpMappers } from './types.js';

function operandFor(b: GraphBuilder, node: TfNode, value: Value, nchw: boolean): string {
  if (!nchw) return b.plain(value);
  if (value.constant) return b.broadcastConstantForNchw(value, value.constant);
  if (value.layout === 'nchw' || value.shape.length === 4) return b.nchw(value);
  // A lower-rank activation broadcast against an NCHW one would need its axes moved: no model here does it.
  return unsupported(b.model, node, `broadcasting a rank-${value.shape.length} activation against a 4-D one`);
}

function binary(opType: string) {
  return (node: TfNode, b: GraphBuilder): void => {
    const x = b.input(node, 0);
    const y = b.input(node, 1);
    const nchw = x.layout === 'nchw' || y.layout === 'nchw';
    const out = b.emit(opType, node.name, [operandFor(b, node, x, nchw), operandFor(b, node, y, nchw)]);
    b.define({
      tfName: node.name,
      onnxName: out,
      layout: nchw ? 'nchw' : 'plain',
      shape: broadcastShapes(x.shape, y.shape),
      constant: undefined,
    });
  };
}

function unary(activation: string) {
  return (node: TfNode, b: GraphBuilder): void => {
    const x = b.input(node, 0);
    const input = x.layout === 'nchw' ? b.nchw(x) : b.plain(x);
    const out = applyActivation(b, node, activation, input, () => unsupported(b.model, node, 'PRelu without slope'));
    b.define({ tfName: node.name, onnxName: out, layout: x.layout, shape: x.shape, constant: undefined });
  };
}

export const elementwiseMappers: OpMappers = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Minimum: binary('Min'),
  Maximum: binary('Max'),
  Relu: unary('Relu'),
  Relu6: unary('Relu6'),
  Sigmoid: unary('Sigmoid'),
  Elu: unary('Elu'),
  Tanh: (node, b) => {
    const x = b.input(node, 0);
    const out = b.emit('Tanh', node.name, [x.layout === 'nchw' ? b.nchw(x) : b.plain(x)]);
    b.define({ tfName: node.name, onnxName: out, layout: x.layout, shape: x.shape, constant: undefined });
  },
  Prelu: (node, b) => {
    const x = b.input(node, 0);
    const alpha = b.input(node, 1);
    const nchw = x.layout === 'nchw';
    const out = b.emit('PRelu', node.name, [nchw ? b.nchw(x) : b.plain(x), operandFor(b, node, alpha, nchw)]);
    b.define({ tfName: node.name, onnxName: out, layout: x.layout, shape: x.shape, constant: undefined });
  },
  // Identity emits nothing: its output is its input (graph outputs get their own node when named).
  Identity: (node, b) => {
    const x = b.input(node, 0);
    b.define({ ...x, tfName: node.name });
  },
};
