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
  /**
   * Descriptors of the same face by other recognition models, L2-normalised, keyed by the model id each would be
   * stored under (e.g. the ONNX engine recognising with dlib also reports FaceRes's, which it computes anyway for age
   * and gender). Set only by engines that get them for free, never computed on purpose. Enrolment stores them as
   * templates of their own model id, so the customer stays recognisable on a fallback engine; like every embedding,
   * they are never stored for strangers (only an enrolment with consent writes templates).
   */
  readonly alternateEmbeddings?: Readonly<Record<string, Float32Array>>;
  /** Variance of the Laplacian over the face crop in grey levels: low means blurry. */
  readonly sharpness: number;
  /** The detector's keypoints in frame pixels, when the engine reports them (head pose is estimated from them). */
  readonly landmarks?: FaceLandmarks;
  /** Estimated age in years, when the engine computed it (only for embedded faces). */
  readonly age?: number;
  /** Estimated gender and its confidence 0..1, when the engine computed it (only for embedded faces). */
  readonly gender?: { readonly label: 'female' | 'male'; readonly score: number };
  /** Anti-spoofing score 0..1 (1 = a real face, not a photo or screen), when the engine computed it. */
  readonly realScore?: number;
  /** Liveness score 0..1 (1 = live), when the engine computed it. */
  readonly liveScore?: number;
  /** The most probable facial expression and its probability, when the engine computed it (the ONNX engine does). */
  readonly emotion?: { readonly label: EmotionLabel; readonly score: number };
}

/** The expressions human's emotion model tells apart. */
export type EmotionLabel = 'angry' | 'disgust' | 'fear' | 'happy' | 'sad' | 'surprise' | 'neutral';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** BlazeFace's six keypoints, named from the viewer's side of the picture: `rightEye` is the person's right eye. */
export interface FaceLandmarks {
  readonly rightEye: Point;
  readonly leftEye: Point;
  readonly nose: Point;
  readonly mouth: Point;
  readonly rightEar: Point;
  readonly leftEar: Point;
}

export interface DetectOptions {
  /** Compute embeddings (more expensive); detection only when false. */
  readonly embed: boolean;
  /**
   * With `embed`: embed only the faces this returns true for (the others come back with a null embedding), so
   * a frame pays for the faces that need a decision, not for every face. Absent: every face is embedded.
   * Called with the detection-only face (embedding null); must be cheap and must not keep the face.
   */
  readonly embedIf?: (face: DetectedFace) => boolean;
  /**
   * Frames of the same lane (e.g. a camera id) supersede each other while they wait for an engine that runs
   * elsewhere (the worker pool): only the newest waits, older ones are dropped with a FrameDroppedError.
   * Absent: the call waits its turn and is never dropped (enrolment samples).
   */
  readonly lane?: string;
}

/** A waiting frame was superseded by a newer one of the same lane: it was never analysed. */
export class FrameDroppedError extends Error {
  constructor(lane: string) {
    super(`A newer frame of '${lane}' arrived before this one was analysed; it was dropped.`);
    this.name = 'FrameDroppedError';
  }
}

export interface FaceEngine {
  readonly backend: 'human' | 'onnx';
  /** Model id stored with each template, so templates from another model are never compared. */
  readonly modelId: string;
  readonly embeddingSize: number;
  detect(frame: RgbFrame, options: DetectOptions): Promise<DetectedFace[]>;
  /**
   * Optional: embeds these faces of this frame (as an earlier detect-only call on the same frame returned them)
   * without detecting again, keeping each face's other fields. The worker pool uses it to apply `embedIf` on the
   * main thread; with an engine that lacks it, the pool detects again inside the worker.
   */
  embedFaces?(frame: RgbFrame, faces: readonly DetectedFace[]): Promise<DetectedFace[]>;
  close(): Promise<void>;
}
