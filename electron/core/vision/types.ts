/**
 * The vision engine's interface. The human (TF.js wasm) engine implements it now; the ONNX engine
 * comes later behind the same interface, so nothing above this file knows which one runs.
 */

/** A decoded frame: tightly packed 8-bit RGB, row-major, no padding. */
export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DetectedFace {
  /** In frame pixels. */
  readonly box: Box;
  /** Detector confidence, 0..1. */
  readonly score: number;
  /** L2-normalised embedding, or null when the engine was asked for detection only. */
  readonly embedding: Float32Array | null;
  /** Variance of the Laplacian over the face crop in grey levels: low means blurry. */
  readonly sharpness: number;
}

export interface DetectOptions {
  /** Compute embeddings (more expensive); detection only when false. */
  readonly embed: boolean;
}

export interface FaceEngine {
  readonly backend: 'human' | 'onnx';
  /** Model id stored with each template, so templates from another model are never compared. */
  readonly modelId: string;
  readonly embeddingSize: number;
  detect(frame: RgbFrame, options: DetectOptions): Promise<DetectedFace[]>;
  close(): Promise<void>;
}
