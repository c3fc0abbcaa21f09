/** Ops that move elements around: Reshape (in NHWC element order, as TF defines it) and Pad / PadV2. */
import { NHWC_TO_NCHW, toInt64, type GraphBuilder } from '../graph-builder.js';
import type { TfNode } from '../tfjs-graph.js';
import { unsupported } from './attrs.js';
import type { OpMappers } from './types.js';

function reshape(node: TfNode, b: GraphBuilder): void {
  const x = b.input(node, 0);
  const target = Array.from(b.constantInput(node, 1).data);
  // ONNX reads 0 as "copy that dimension"; TF means an empty one. No model reshapes to empty.
  if (target.includes(0)) unsupported(b.model, node, 'a zero-sized reshape');
  const shapeName = b.addInitializer(`${node.name}/shape`, toInt64(target), [target.length]);
  const out = b.emit('Reshape', node.name, [b.plain(x), shapeName]);
  const known = x.shape.every((d) => d >= 0);
  const total = x.shape.reduce((p, d) => p * d, 1);
  const rest = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  const shape = target.map((d) => (d === -1 ? (known ? total / rest : -1) : d));
  b.define({ tfName: node.name, onnxName: out, layout: 'plain', shape, constant: undefined });
}

function pad(node: TfNode, b: GraphBuilder): void {
  const x = b.input(node, 0);
  const paddings = b.constantInput(node, 1);
  const rank = x.shape.length;
  if (paddings.shape[0] !== rank || paddings.shape[1] !== 2) unsupported(b.model, node, 'paddings of another rank');
  const tfPad = (axis: number, side: 0 | 1) => paddings.data[axis * 2 + side] as number;
  const nchw = x.layout === 'nchw';
  // NCHW axis j holds NHWC axis NHWC_TO_NCHW[j].
  const axisOf = (onnxAxis: number) => (nchw ? (NHWC_TO_NCHW[onnxAxis] as number) : onnxAxis);
  const axes = [...Array(rank).keys()];
  const pads = [...axes.map((a) => tfPad(axisOf(a), 0)), ...axes.map((a) => tfPad(axisOf(a), 1))];
  const inputs = [nchw ? b.nchw(x) : b.plain(x), b.addInitializer(`${node.name}/pads`, toInt64(pads), [pads.length])];
  if (node.op === 'PadV2') {
    const value = b.constantInput(node, 2);
    inputs.push(b.addInitializer(`${node.name}/value`, Float32Array.from(value.data), []));
  }
  const out = b.emit('Pad', node.name, inputs, { mode: 'constant' });
  const shape = x.shape.map((d, i) => (d < 0 ? d : d + tfPad(i, 0) + tfPad(i, 1)));
  b.define({ tfName: node.name, onnxName: out, layout: x.layout, shape, constant: undefined });
}

export const shapeMappers: OpMappers = { Reshape: reshape, Pad: pad, PadV2: pad };
