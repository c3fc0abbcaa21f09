/**
 * What the capture page shows: one feed per USB camera the core asked for, each with what it is doing right now
 * and how many frames reached the core, plus a sentence about the page as a whole.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type CapturePhase = 'starting' | 'opening' | 'running' | 'retrying' | 'idle';

export interface FeedState {
  readonly cameraId: string;
  readonly name: string;
  readonly phase: CapturePhase;
  /** A sentence for a person: what the feed is doing or what is wrong. */
  readonly message: string;
  readonly deviceLabel: string | null;
  readonly stream: MediaStream | null;
  readonly framesSent: number;
  /** Frames the link or the core skipped because it was busy (normal when the camera is faster). */
  readonly framesSkipped: number;
  readonly framesFailed: number;
}

export interface CaptureState {
  /** The page as a whole: waiting for the core, nothing to do, or feeding cameras. */
  readonly phase: CapturePhase;
  readonly message: string;
  readonly feeds: Readonly<Record<string, FeedState>>;
}

export function createCaptureStore(): StoreApi<CaptureState> {
  return createStore<CaptureState>()(() => ({ phase: 'starting', message: 'Starting…', feeds: {} }));
}

export function newFeed(cameraId: string, name: string): FeedState {
  return {
    cameraId,
    name,
    phase: 'starting',
    message: 'Starting…',
    deviceLabel: null,
    stream: null,
    framesSent: 0,
    framesSkipped: 0,
    framesFailed: 0,
  };
}
