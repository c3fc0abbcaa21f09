/** Reductions over axes: Mean (global pooling in these models) and Softmax over the last axis. */
import { NHWC_TO_NCHW, type GraphBuilder } from '../graph-builder.js';
import type { TfNode } from '../tfjs-graph.js';
import { boolAttr, unsupported } from './attrs.js';
import type { OpMappers } from './types.js';

function mean(node: TfNode, b: GraphBuilder): void {
  const x = b.input(node, 0);
  const rank = x.shape.length;
  const axes = [...new Set(Array.from(b.constantInput(node, 1).data, (a) => (a < 0 ? a + rank : a)))].sort();
  if (axes.some((a) => a < 0 || a >= rank)) unsupported(b.model, node, `axes ${axes.join(',')} on rank ${rank}`);
  const keep = boolAttr(node, 'keep_dims');
  const shape = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
  if (x.layout === 'nchw') {
    const onnxAxes = axes.map((a) => NHWC_TO_NCHW.indexOf(a as 0 | 1 | 2 | 3)).sort();
    // Without keep_dims the surviving axes must come out in NHWC order; N and C do whenever H and W go.
    const survivors = [0, 1, 2, 3].filter((a) => !onnxAxes.includes(a)).map((a) => NHWC_TO_NCHW[a] as number);
    const ordered = survivors.every((a, i) => i === 0 || a > (survivors[i - 1] as number));
    if (keep || ordered) {
      const out = b.emit('ReduceMean', node.name, [b.nchw(x)], { axes: onnxAxes, keepdims: keep ? 1 : 0 });
      b.define({ tfName: node.name, onnxName: out, layout: keep ? 'nchw' : 'plain', shape, constant: undefined });
      return;
    }
  }
  const out = b.emit('ReduceMean', node.name, [b.plain(x)], { axes, keepdims: keep ? 1 : 0 });
  b.define({ tfName: node.name, onnxName: out, layout: 'plain', shape, constant: undefined });
}

export const reduceMappers: OpMappers = {
  Mean: mean,
  Softmax: (node, b) => {
    const x = b.input(node, 0);
    const out = b.emit('Softmax', node.name, [b.plain(x)], { axis: -1 });
    b.define({ tfName: node.name, onnxName: out, layout: 'plain', shape: x.shape, constant: undefined });
  },
};
