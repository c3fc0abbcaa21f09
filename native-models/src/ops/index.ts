/** Every TF op the converter knows, by TF op name. An op missing here makes the conversion refuse the model. */
import { convMappers } from './conv.js';
import { elementwiseMappers } from './elementwise.js';
import { matmulMappers } from './matmul.js';
import { reduceMappers } from './reduce.js';
import { shapeMappers } from './shape.js';
import type { OpMapper } from './types.js';

export const OP_MAPPERS: ReadonlyMap<string, OpMapper> = new Map(
  Object.entries({ ...convMappers, ...elementwiseMappers, ...matmulMappers, ...reduceMappers, ...shapeMappers }),
);
