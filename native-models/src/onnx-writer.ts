/**
 * Serialises the builder's graph as an ONNX ModelProto with onnx-proto (protobufjs). Deterministic: fields are
 * written in schema order, initializers and nodes in emission order, and nothing depends on time or host.
 */
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import type { AttrValue, OnnxGraph, OnnxIo } from './graph-builder.js';
import { OPSET } from './convert.js';

const { onnx } = onnxProto;
type IAttributeProto = OnnxTypes.IAttributeProto;
type IValueInfoProto = OnnxTypes.IValueInfoProto;

/** ONNX IR version 7 (ONNX 1.8): opset 13's own, read by every onnxruntime since 1.6. */
export const IR_VERSION = 7;
export const PRODUCER = { name: 'smart-store-kiosk/native-models', version: '1' };

function attribute(name: string, value: AttrValue): IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if (typeof value === 'string') return { name, type: T.STRING, s: Buffer.from(value, 'utf8') };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: [...(value as readonly number[])] };
  return { name, type: T.FLOAT, f: (value as { float: number }).float };
}

function valueInfo(io: OnnxIo): IValueInfoProto {
  return {
    name: io.name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: io.shape.map((d) => (d < 0 ? { dimParam: 'batch' } : { dimValue: d })) },
      },
    },
  };
}

function rawBytes(data: Float32Array | BigInt64Array): Uint8Array {
  // Little-endian on every platform Node runs on; copy so the bytes do not alias a larger buffer.
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

export function encodeModel(b: OnnxGraph, graphName: string): Uint8Array {
  const DT = onnx.TensorProto.DataType;
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: PRODUCER.name,
    producerVersion: PRODUCER.version,
    graph: {
      name: graphName,
      node: b.nodes.map((n) => ({
        name: n.name,
        opType: n.opType,
        input: [...n.inputs],
        output: [...n.outputs],
        attribute: Object.entries(n.attributes).map(([k, v]) => attribute(k, v)),
      })),
      initializer: b.initializers.map((t) => ({
        name: t.name,
        dataType: t.dtype === 'float32' ? DT.FLOAT : DT.INT64,
        dims: [...t.dims],
        rawData: rawBytes(t.data),
      })),
      input: b.inputs.map(valueInfo),
      output: b.outputs.map(valueInfo),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
