/**
 * One camera frame in, decisions out: detect faces, follow them as tracks, match the ones that pass the quality
 * gate against the enrolled gallery, and decide who a track is only when consecutive frames agree.
 *
 * Privacy invariant: nothing here writes anything. A stranger's embedding lives only in this call's locals and is
 * dropped with them; the only trace a stranger leaves is `onFaceSeen` (a count).
 */
import type { Clock } from '../clock.js';
import type { Gallery } from '../matching/gallery.js';
import type { DetectedFace, FaceEngine, RgbFrame } from '../vision/types.js';
import { passesRecognitionGate, type QualityOptions } from '../vision/quality-gate.js';
import { FaceTracker, type TrackerOptions, DEFAULT_TRACKER } from './face-tracker.js';
import { IdentityVotes, type Vote, type VoteOptions, DEFAULT_VOTES } from './identity-votes.js';

export interface MatchRule {
  /** Cosine similarity the best enrolled person must reach. */
  readonly threshold: number;
  /** How far the best person must be ahead of the second-best. */
  readonly margin: number;
}

/**
 * How far the best person must lead the second-best: two enrolled people who look alike must not be confused
 * (with 3 templates each, LFW's genuine best scores lead the next person by far more than this).
 */
export const DEFAULT_MATCH_MARGIN = 0.03;

export interface Recognition {
  readonly cameraId: string;
  readonly trackId: number;
  readonly customerId: string;
  readonly score: number;
}

export interface PipelineOptions {
  readonly engine: FaceEngine;
  readonly gallery: Gallery;
  readonly clock: Clock;
  readonly match: MatchRule;
  readonly quality: QualityOptions;
  readonly tracker?: TrackerOptions;
  readonly votes?: VoteOptions;
  /** A new face appeared (a new track): counted for footfall, nothing else kept. */
  readonly onFaceSeen: (cameraId: string) => void;
  readonly onRecognised: (recognition: Recognition) => void;
}

export interface FrameOutcome {
  readonly faces: { readonly face: DetectedFace; readonly trackId: number; readonly known: boolean }[];
}

interface CameraState {
  readonly tracker: FaceTracker;
  readonly votes: Map<number, IdentityVotes>;
}

export class RecognitionPipeline {
  private readonly cameras = new Map<string, CameraState>();

  constructor(private readonly options: PipelineOptions) {}

  async analyse(cameraId: string, frame: RgbFrame): Promise<FrameOutcome> {
    const { engine, gallery, clock } = this.options;
    const camera = this.camera(cameraId);
    // Embeddings cost most: with nobody enrolled there is nobody to recognise, so detection alone does.
    const faces = await engine.detect(frame, { embed: gallery.size > 0 });
    const update = camera.tracker.update(faces, clock.now());
    for (const track of update.ended) camera.votes.delete(track.id);

    const out: FrameOutcome['faces'] = [];
    for (const { track, face, isNew } of update.assigned) {
      if (isNew) {
        camera.votes.set(track.id, new IdentityVotes(this.options.votes ?? DEFAULT_VOTES));
        this.options.onFaceSeen(cameraId);
      }
      const votes = camera.votes.get(track.id);
      if (
        votes &&
        votes.state.kind === 'pending' &&
        face.embedding &&
        passesRecognitionGate(face, this.options.quality)
      ) {
        const outcome = votes.add(this.vote(face.embedding));
        if (outcome.kind === 'decided') {
          this.options.onRecognised({
            cameraId,
            trackId: track.id,
            customerId: outcome.customerId,
            score: outcome.score,
          });
        }
      }
      out.push({ face, trackId: track.id, known: votes?.state.kind === 'decided' });
    }
    return { faces: out };
  }

  /** The gallery changed (enrolment, erasure): undecided tracks start voting afresh. */
  galleryChanged(): void {
    for (const camera of this.cameras.values()) {
      for (const [trackId, votes] of camera.votes) {
        if (votes.state.kind !== 'decided')
          camera.votes.set(trackId, new IdentityVotes(this.options.votes ?? DEFAULT_VOTES));
      }
    }
  }

  /** Forget a person's decided tracks (erasure): they must not stay "known" on any camera. */
  forget(customerId: string): void {
    for (const camera of this.cameras.values()) {
      for (const [trackId, votes] of camera.votes) {
        const state = votes.state;
        if (state.kind === 'decided' && state.customerId === customerId) camera.votes.delete(trackId);
      }
    }
  }

  private vote(embedding: Float32Array): Vote {
    const { best, second } = this.options.gallery.match(embedding);
    const { threshold, margin } = this.options.match;
    if (!best || best.score < threshold) return null;
    if (second && best.score - second.score < margin) return null;
    return { customerId: best.customerId, score: best.score };
  }

  private camera(cameraId: string): CameraState {
    let state = this.cameras.get(cameraId);
    if (!state) {
      state = { tracker: new FaceTracker(this.options.tracker ?? DEFAULT_TRACKER), votes: new Map() };
      this.cameras.set(cameraId, state);
    }
    return state;
  }
}
