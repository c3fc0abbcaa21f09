/**
 * The messages between the worker pool (main thread) and its face workers. Frames travel as copies (structured
 * clone of the pixel bytes, about 1 ms for 640x480); results are plain DetectedFace values, cloned whole: typed
 * arrays (embedding, alternateEmbeddings) arrive as typed arrays of their own. Nothing is transferred, so a worker
 * never hands over a buffer it still uses.
 */
import type { DetectedFace } from '../types.js';
import type { EngineSpec } from './engine-factory.js';

export interface WorkerInit {
  readonly engine: EngineSpec;
}

export interface FramePayload {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'detect'; readonly frame: FramePayload; readonly embed: boolean }
  | {
      readonly id: number;
      readonly kind: 'embed';
      readonly frame: FramePayload;
      /** The faces (as detected on this frame) to embed. */
      readonly faces: readonly DetectedFace[];
    };

export type WorkerReply =
  | {
      readonly kind: 'ready';
      readonly backend: 'human' | 'onnx';
      readonly modelId: string;
      readonly embeddingSize: number;
    }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly faces: DetectedFace[] }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
