/** What an op mapper is: it reads one TF node's inputs from the builder, emits ONNX nodes, defines its output. */
import type { GraphBuilder } from '../graph-builder.js';
import type { TfNode } from '../tfjs-graph.js';

export type OpMapper = (node: TfNode, builder: GraphBuilder) => void;
export type OpMappers = Readonly<Record<string, OpMapper>>;
