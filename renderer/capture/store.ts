/** What the capture page shows: what it is doing right now and how many frames reached the core. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type CapturePhase = 'starting' | 'opening' | 'running' | 'retrying' | 'idle';

export interface CaptureState {
  readonly phase: CapturePhase;
  /** A sentence for a person: what the page is doing or what is wrong. */
  readonly message: string;
  readonly deviceLabel: string | null;
  readonly stream: MediaStream | null;
  readonly framesSent: number;
  /** Frames the link or the core skipped because it was busy (normal when the camera is faster). */
  readonly framesSkipped: number;
  readonly framesFailed: number;
}

export function createCaptureStore(): StoreApi<CaptureState> {
  return createStore<CaptureState>()(() => ({
    phase: 'starting',
    message: 'Starting…',
    deviceLabel: null,
    stream: null,
    framesSent: 0,
    framesSkipped: 0,
    framesFailed: 0,
  }));
}
