/** Convolutions and pooling: Conv2D, DepthwiseConv2dNative, their fused forms, MaxPool and AvgPool. */
import { permute, type GraphBuilder } from '../graph-builder.js';
import type { TfNode } from '../tfjs-graph.js';
import { applyActivation } from './activation.js';
import { intListAttr, requireNhwc, stringAttr, stringListAttr, unsupported } from './attrs.js';
import type { OpMappers } from './types.js';

interface Window {
  readonly autoPad: 'SAME_UPPER' | 'VALID';
  readonly strides: [number, number];
  readonly dilations: [number, number];
}

function windowOf(b: GraphBuilder, node: TfNode): Window {
  requireNhwc(b.model, node);
  const padding = stringAttr(node, 'padding');
  // TF's SAME puts the odd extra pixel at the end, which is ONNX's SAME_UPPER.
  if (padding !== 'SAME' && padding !== 'VALID') unsupported(b.model, node, `padding ${padding ?? '(none)'}`);
  const s = intListAttr(node, 'strides') ?? [1, 1, 1, 1];
  const d = intListAttr(node, 'dilations') ?? [1, 1, 1, 1];
  if (s[0] !== 1 || s[3] !== 1) unsupported(b.model, node, 'strides over batch or channels');
  return {
    autoPad: padding === 'SAME' ? 'SAME_UPPER' : 'VALID',
    strides: [s[1] ?? 1, s[2] ?? 1],
    dilations: [d[1] ?? 1, d[2] ?? 1],
  };
}

function outSize(size: number, kernel: number, stride: number, dilation: number, pad: Window['autoPad']): number {
  if (size < 0) return -1;
  const effective = (kernel - 1) * dilation + 1;
  return pad === 'SAME_UPPER' ? Math.ceil(size / stride) : Math.ceil((size - effective + 1) / stride);
}

function convolution(b: GraphBuilder, node: TfNode, depthwise: boolean, fused: boolean): void {
  const x = b.input(node, 0);
  const filter = b.constantInput(node, 1);
  const win = windowOf(b, node);
  const [kh, kw, cin, last] = filter.shape as [number, number, number, number];
  if (filter.shape.length !== 4) unsupported(b.model, node, `a rank-${filter.shape.length} filter`);
  const cout = depthwise ? cin * last : last;
  // TF filters are HWIO (depthwise: H, W, C, multiplier); ONNX wants OIHW (depthwise: C*M, 1, H, W, group C).
  const weight = depthwise ? permute(filter, [2, 3, 0, 1]) : permute(filter, [3, 2, 0, 1]);
  const weightName = b.addInitializer(`${node.name}/weight`, weight.data as Float32Array, [
    cout,
    depthwise ? 1 : cin,
    kh,
    kw,
  ]);
  const inputs = [b.nchw(x), weightName];
  let activation: string | undefined;
  let preluArg = -1;
  if (fused) {
    const ops = stringListAttr(node, 'fused_ops');
    if (ops[0] !== 'BiasAdd') unsupported(b.model, node, `fused_ops ${ops.join('+') || '(none)'}`);
    if (ops.length > 2) unsupported(b.model, node, `fused_ops ${ops.join('+')}`);
    inputs.push(b.addInitializer(`${node.name}/bias`, b.constantInput(node, 2).data as Float32Array, [cout]));
    activation = ops[1];
    if (activation === 'Prelu') preluArg = 3;
  }
  const conv = b.emit('Conv', `${node.name}/conv`, inputs, {
    auto_pad: win.autoPad,
    kernel_shape: [kh, kw],
    strides: win.strides,
    dilations: win.dilations,
    group: depthwise ? cin : 1,
  });
  const out = applyActivation(b, node, activation, conv, () =>
    b.broadcastConstantForNchw(b.input(node, preluArg), b.constantInput(node, preluArg)),
  );
  const [n, h, w] = x.shape as [number, number, number];
  b.define({
    tfName: node.name,
    onnxName: out,
    layout: 'nchw',
    shape: [
      n,
      outSize(h, kh, win.strides[0], win.dilations[0], win.autoPad),
      outSize(w, kw, win.strides[1], win.dilations[1], win.autoPad),
      cout,
    ],
    constant: undefined,
  });
}

function pool(b: GraphBuilder, node: TfNode, opType: 'MaxPool' | 'AveragePool'): void {
  const x = b.input(node, 0);
  const win = windowOf(b, node);
  const k = intListAttr(node, 'ksize') ?? [];
  if (k.length !== 4 || k[0] !== 1 || k[3] !== 1) unsupported(b.model, node, `ksize ${k.join(',')}`);
  const kernel: [number, number] = [k[1] as number, k[2] as number];
  // AveragePool: TF excludes the padding from the average, as ONNX does by default (count_include_pad 0).
  const out = b.emit(opType, `${node.name}/pool`, [b.nchw(x)], {
    auto_pad: win.autoPad,
    kernel_shape: kernel,
    strides: win.strides,
  });
  const [n, h, w, c] = x.shape as [number, number, number, number];
  b.define({
    tfName: node.name,
    onnxName: out,
    layout: 'nchw',
    shape: [
      n,
      outSize(h, kernel[0], win.strides[0], 1, win.autoPad),
      outSize(w, kernel[1], win.strides[1], 1, win.autoPad),
      c,
    ],
    constant: undefined,
  });
}

export const convMappers: OpMappers = {
  Conv2D: (node, b) => convolution(b, node, false, false),
  _FusedConv2D: (node, b) => convolution(b, node, false, true),
  DepthwiseConv2dNative: (node, b) => convolution(b, node, true, false),
  FusedDepthwiseConv2dNative: (node, b) => convolution(b, node, true, true),
  MaxPool: (node, b) => pool(b, node, 'MaxPool'),
  AvgPool: (node, b) => pool(b, node, 'AveragePool'),
};
