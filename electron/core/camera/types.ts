/**
 * Camera sources deliver JPEG frames; they never decode. Decoding and analysis happen downstream at
 * the sampling rate, so a fast camera costs only the bytes of the frames that are dropped.
 */
import type { CameraKind, CameraState } from '../../contract/dto.js';

export interface CameraSourceEvents {
  /** One complete JPEG (starts with FF D8). The buffer is owned by the receiver. */
  onFrame(jpeg: Buffer): void;
  /** State changes with a sentence for a person when something is wrong. */
  onState(state: CameraState, error: string | null): void;
}

export interface CameraSource {
  readonly id: string;
  readonly kind: CameraKind;
  start(events: CameraSourceEvents): void;
  stop(): Promise<void>;
  /** Reconnects done so far (for health reporting). */
  readonly reconnects: number;
}
