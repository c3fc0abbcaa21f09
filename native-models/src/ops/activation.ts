/** The activations TF fuses into Conv and MatMul (`fused_ops`), emitted as separate ONNX ops. */
import type { GraphBuilder } from '../graph-builder.js';
import type { TfNode } from '../tfjs-graph.js';
import { floatAttr, unsupported } from './attrs.js';

/**
 * Appends `activation` after `input`; `alpha` is the PRelu slope input name when the activation needs one.
 * Returns the name of the activated value.
 */
export function applyActivation(
  b: GraphBuilder,
  node: TfNode,
  activation: string | undefined,
  input: string,
  alpha: () => string,
): string {
  switch (activation) {
    case undefined:
      return input;
    case 'Relu':
      return b.emit('Relu', `${node.name}/relu`, [input]);
    case 'Relu6': {
      const lo = b.addInitializer(`${node.name}/clip_min`, Float32Array.of(0), []);
      const hi = b.addInitializer(`${node.name}/clip_max`, Float32Array.of(6), []);
      return b.emit('Clip', `${node.name}/relu6`, [input, lo, hi]);
    }
    case 'Sigmoid':
      return b.emit('Sigmoid', `${node.name}/sigmoid`, [input]);
    case 'Elu':
      return b.emit('Elu', `${node.name}/elu`, [input], { alpha: { float: 1 } });
    case 'LeakyRelu':
      return b.emit('LeakyRelu', `${node.name}/leakyrelu`, [input], {
        alpha: { float: floatAttr(node, 'leakyrelu_alpha') ?? 0.2 },
      });
    case 'Prelu':
      return b.emit('PRelu', `${node.name}/prelu`, [input, alpha()]);
    default:
      return unsupported(b.model, node, `the fused activation ${activation}`);
  }
}
