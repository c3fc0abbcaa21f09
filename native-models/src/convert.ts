/**
 * Converts one TF.js graph (already read) into ONNX graph parts: checks every op is known first (naming the
 * unknown ones), walks the nodes in topological order through the op mappers, and declares the NHWC input
 * and the outputs under their TF names, in the order TF.js reports them.
 */
import { GraphBuilder, type OnnxIo } from './graph-builder.js';
import { shapeAttr } from './ops/attrs.js';
import { OP_MAPPERS } from './ops/index.js';
import type { TfGraph, TfNode } from './tfjs-graph.js';
import { tensorNodeName } from './tfjs-graph.js';

/** Opset 13: every op used here has its current semantics (Softmax on one axis, Pad with an input). */
export const OPSET = 13;

const STRUCTURAL_OPS = new Set(['Const', 'Placeholder']);

export class UnsupportedOpError extends Error {
  constructor(
    readonly model: string,
    readonly ops: readonly string[],
    firstNode: string,
  ) {
    super(
      `${model}: cannot convert: unsupported TF op${ops.length > 1 ? 's' : ''} ${ops.map((o) => `"${o}"`).join(', ')} ` +
        `(first at node "${firstNode}"). Add a mapper in native-models/src/ops/ or use the human backend.`,
    );
    this.name = 'UnsupportedOpError';
  }
}

function inputsOf(node: TfNode): string[] {
  return (node.input ?? []).map((i) => tensorNodeName(i.replace(/^\^/, '')));
}

/** Kahn's algorithm, stable in file order, so the output does not depend on anything but the input. */
function topologicalOrder(nodes: readonly TfNode[], model: string): TfNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: TfNode[] = [];
  const visit = (node: TfNode): void => {
    const seen = state.get(node.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`${model}: the graph has a cycle through "${node.name}".`);
    state.set(node.name, 'visiting');
    for (const input of inputsOf(node)) {
      const dep = byName.get(input);
      if (dep) visit(dep);
    }
    state.set(node.name, 'done');
    order.push(node);
  };
  for (const node of nodes) visit(node);
  return order;
}

export function convertGraph(graph: TfGraph, model: string): GraphBuilder {
  const unknown = graph.nodes.filter((n) => !STRUCTURAL_OPS.has(n.op) && !OP_MAPPERS.has(n.op));
  if (unknown.length > 0) {
    throw new UnsupportedOpError(model, [...new Set(unknown.map((n) => n.op))], unknown[0]?.name ?? '');
  }
  const b = new GraphBuilder(graph, model);
  const placeholders = graph.nodes.filter((n) => n.op === 'Placeholder');
  // The boundary names are the TF names: reserve them so no internal value takes one.
  for (const name of [...placeholders.map((n) => n.name), ...graph.outputs]) b.uniqueName(name);

  for (const node of topologicalOrder(graph.nodes, model)) {
    if (node.op === 'Const') continue;
    if (node.op === 'Placeholder') {
      const shape = shapeAttr(node, 'shape');
      if (!shape) throw new Error(`${model}: input "${node.name}" has no static rank.`);
      b.inputs.push({ name: node.name, shape });
      b.define({ tfName: node.name, onnxName: node.name, layout: 'plain', shape, constant: undefined });
      continue;
    }
    const mapper = OP_MAPPERS.get(node.op);
    if (!mapper) throw new UnsupportedOpError(model, [node.op], node.name);
    mapper(node, b);
  }

  for (const name of graph.outputs) {
    const value = b.input({ name: `output ${name}`, op: 'Output', input: [name] }, 0);
    const source = b.plain(value);
    b.nodes.push({ opType: 'Identity', name, inputs: [source], outputs: [name], attributes: {} });
    const io: OnnxIo = { name, shape: value.shape };
    b.outputs.push(io);
  }
  return b;
}
