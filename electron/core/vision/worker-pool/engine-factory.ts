/**
 * Makes the face engine of a backend by name (`human` or `onnx`), in whichever thread asks: the worker pool's
 * workers, the tools (eval, bench) and the core all choose the engine the same way.
 */
import type { Logger } from '../../logger.js';
import { createHumanEngine } from '../human-engine.js';
import { createOnnxEngine, type Recogniser } from '../onnx/onnx-engine.js';
import type { FaceEngine } from '../types.js';

export const BACKENDS = ['onnx', 'human'] as const;
export type Backend = (typeof BACKENDS)[number];

export function isBackend(value: string): value is Backend {
  return (BACKENDS as readonly string[]).includes(value);
}

export interface EngineSpec {
  readonly backend: Backend;
  /** Also score anti-spoofing and liveness (human: off by default, it costs time; onnx: on). */
  readonly realness?: boolean;
  /** onnxruntime threads per run (a pool gives each worker a share of the cores). */
  readonly threads?: number;
  /** onnx only: the identity descriptor's model (dlib by default when converted; see onnx-engine.ts). */
  readonly recogniser?: Recogniser;
}

/** Thrown when the ONNX engine cannot start because the converted models are not there. */
export class OnnxModelsMissingError extends Error {
  constructor(detail: string) {
    super(`ONNX models not converted: run npm run models (${detail})`);
    this.name = 'OnnxModelsMissingError';
  }
}

export async function createFaceEngine(spec: EngineSpec, logger: Logger): Promise<FaceEngine> {
  switch (spec.backend) {
    case 'human':
      return createHumanEngine({ logger, ...(spec.realness === undefined ? {} : { realness: spec.realness }) });
    case 'onnx':
      try {
        return await createOnnxEngine({
          logger,
          ...(spec.threads === undefined ? {} : { threads: spec.threads }),
          ...(spec.realness === undefined ? {} : { realness: spec.realness }),
          ...(spec.recogniser === undefined ? {} : { recogniser: spec.recogniser }),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/npm run models|missing|ENOENT/i.test(message)) throw new OnnxModelsMissingError(message);
        throw error;
      }
    default:
      return missingBackend(spec.backend);
  }
}

function missingBackend(backend: never): never {
  throw new Error(`Unknown face engine backend '${String(backend)}'`);
}
