/**
 * The chained tensor methods (`tensor.as3D()`, `tensor.sub()`...) that the umbrella `@tensorflow/tfjs` package adds
 * and face-api calls, added from tfjs-core's own ops. tfjs-core ships them only as extensionless ESM files, which
 * plain Node cannot load; each is `op(this, ...args)`, so they are rebuilt here. Eval tooling only.
 */
import type * as TfCore from '@tensorflow/tfjs-core';

type Method = (this: TfCore.Tensor, ...args: unknown[]) => unknown;

/** Methods that are not `op(this, ...args)` for an op of the same name. */
function specialMethods(tf: typeof TfCore): Record<string, Method> {
  const reshapeTo = (shape: (t: TfCore.Tensor, args: unknown[]) => number[]): Method =>
    function (...args) {
      return tf.reshape(this, shape(this, args));
    };
  const castTo = (dtype: TfCore.DataType): Method =>
    function () {
      return tf.cast(this, dtype);
    };
  const dims = (args: unknown[]) => args.map(Number);
  return {
    as1D: reshapeTo((t) => [t.size]),
    as2D: reshapeTo((_t, args) => dims(args)),
    as3D: reshapeTo((_t, args) => dims(args)),
    as4D: reshapeTo((_t, args) => dims(args)),
    as5D: reshapeTo((_t, args) => dims(args)),
    asScalar: reshapeTo(() => []),
    flatten: reshapeTo((t) => [t.size]),
    asType(dtype) {
      return tf.cast(this, dtype as TfCore.DataType);
    },
    reshapeAs(other) {
      return tf.reshape(this, (other as TfCore.Tensor).shape);
    },
    toFloat: castTo('float32'),
    toInt: castTo('int32'),
    toBool: castTo('bool'),
    where(condition, other) {
      return tf.where(condition as TfCore.Tensor, this, other as TfCore.Tensor);
    },
  };
}

/** Adds every missing chained method to tfjs' tensor class (shared by all copies of tfjs-core in the process). */
export function registerChainedOps(tf: typeof TfCore): void {
  const prototype = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, unknown>;
  for (const [name, method] of Object.entries(specialMethods(tf))) {
    if (typeof prototype[name] !== 'function') prototype[name] = method;
  }
  for (const [name, op] of Object.entries(ops)) {
    if (typeof op !== 'function' || typeof prototype[name] === 'function' || /^[A-Z]/.test(name)) continue;
    prototype[name] = function (this: TfCore.Tensor, ...args: unknown[]): unknown {
      return (op as (...a: unknown[]) => unknown)(this, ...args);
    };
  }
}
