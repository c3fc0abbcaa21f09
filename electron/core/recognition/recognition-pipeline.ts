/**
 * One camera frame in, decisions out: detect faces, follow them as tracks, gate them on quality, embed only the
 * faces whose track still needs a decision, match those against the enrolled gallery, and decide who a track is
 * only when consecutive frames agree. Every face a gate turns away is counted with its reason (`stats()`).
 *
 * Privacy invariant: nothing here writes anything. A stranger's embedding lives only in this call's locals and in
 * its live track (dropped when the track ends); the only trace a stranger leaves is `onFaceSeen` (a count).
 */
import type { Clock } from '../clock.js';
import type { Gallery } from '../matching/gallery.js';
import { cropToJpeg } from '../vision/decode.js';
import {
  GateCounter,
  realnessGate,
  recognitionGate,
  type GateReason,
  type QualityOptions,
} from '../vision/quality-gate.js';
import { FrameDroppedError, type DetectedFace, type FaceEngine, type RgbFrame } from '../vision/types.js';
import { FaceTracker, type TrackerOptions, DEFAULT_TRACKER, type Track } from './face-tracker.js';
import { IdentityVotes, type Vote, type VoteOptions, DEFAULT_VOTES } from './identity-votes.js';
import type { RejectionMemory, RejectionRule } from './rejection-memory.js';

export interface MatchRule {
  /** Cosine similarity the best enrolled person must reach. */
  readonly threshold: number;
  /** How far the best person must be ahead of the second-best. */
  readonly margin: number;
  /** How much each clerk's rejection raises a customer's bar, in this model's scores; absent: the memory's own. */
  readonly rejection?: RejectionRule;
}

export interface Recognition {
  readonly cameraId: string;
  readonly trackId: number;
  readonly customerId: string;
  readonly score: number;
}

/** The face of a decision, as a JPEG crop of the frame being analysed, made only when asked and never stored. */
export type FaceCrop = () => Promise<Uint8Array>;

/** Side of the face crop sent to a cloud matcher, in px. */
export const CLOUD_CROP_SIZE = 320;

/** Mode "cloud only": the cloud decides who an undecided track is, instead of the local votes. */
export interface CloudTrackLookup {
  /** Read on every face, so a change of mode in the admin window applies at once. */
  active(): boolean;
  /** At most one question per track in this long (the cloud is billed per call). */
  readonly intervalMs: number;
  /** The enrolled customer the cloud names for this crop, or null (nobody, or the cloud failed: asked again later). */
  identify(crop: Uint8Array): Promise<Vote>;
}

export interface PipelineOptions {
  readonly engine: FaceEngine;
  readonly gallery: Gallery;
  readonly clock: Clock;
  readonly match: MatchRule;
  readonly quality: QualityOptions;
  readonly tracker?: TrackerOptions;
  readonly votes?: VoteOptions;
  /** Clerks' "not this person" answers: raise the bar for customers who were wrongly proposed. */
  readonly rejections?: RejectionMemory;
  /** A new face appeared (a new track): counted for footfall, nothing else kept. */
  readonly onFaceSeen: (cameraId: string) => void;
  readonly onRecognised: (recognition: Recognition, crop: FaceCrop) => void;
  /** Set when cloud matching is configured; tracks are decided by the cloud only while it is `active()`. */
  readonly cloud?: CloudTrackLookup;
  /**
   * After each frame's tracking, before any recognition of it: the track ids in view and those that ended. Ids
   * only (the customer display's rule "nothing personal while someone else is in front" and "idle when they leave").
   */
  readonly onTracks?: (cameraId: string, tracks: { inView: number[]; ended: number[] }) => void;
}

export interface FrameOutcome {
  readonly faces: { readonly face: DetectedFace; readonly trackId: number; readonly known: boolean }[];
  /** The frame was superseded by a newer one of its camera while it waited for the engine: nothing was analysed. */
  readonly dropped?: boolean;
}

/** Counters since start, for the admin window (`vision.stats`). */
export interface PipelineStats {
  readonly frames: number;
  readonly framesDropped: number;
  readonly faces: number;
  /** Faces that passed every gate and were matched. */
  readonly facesMatched: number;
  /** Faces turned away, by the gate that turned them away. */
  readonly gates: Readonly<Record<GateReason, number>>;
  /** Embeddings computed (at most one per face that needed a decision). */
  readonly embeddings: number;
  readonly decisions: number;
  /** Tracks a clerk's rejection sent back to undecided. */
  readonly tracksRejected: number;
}

interface TrackState {
  votes: IdentityVotes;
  /** Customers a clerk said this track is not: never proposed again for it. */
  readonly excluded: Set<string>;
  /** Mode "cloud only": when the cloud was last asked about this track, and whether an answer is awaited. */
  cloudAskedAt: number | null;
  cloudPending: boolean;
}

interface CameraState {
  readonly tracker: FaceTracker;
  readonly tracks: Map<number, TrackState>;
}

export class RecognitionPipeline {
  private readonly cameras = new Map<string, CameraState>();
  private readonly gates = new GateCounter();
  private counts = { frames: 0, framesDropped: 0, faces: 0, embeddings: 0, decisions: 0, tracksRejected: 0 };

  constructor(private readonly options: PipelineOptions) {}

  async analyse(cameraId: string, frame: RgbFrame): Promise<FrameOutcome> {
    const { engine, gallery, clock, quality } = this.options;
    const camera = this.camera(cameraId);
    let faces: DetectedFace[];
    try {
      // Embeddings cost most: only faces that pass the pre-embedding gates AND whose track still needs a decision
      // are embedded; with nobody enrolled there is nobody to recognise, so detection alone does.
      faces = await engine.detect(frame, {
        embed: gallery.size > 0,
        lane: cameraId,
        embedIf: (face) => recognitionGate(face, quality) === null && this.needsDecision(camera, face),
      });
    } catch (error) {
      if (!(error instanceof FrameDroppedError)) throw error;
      this.counts.framesDropped += 1;
      return { faces: [], dropped: true };
    }
    this.counts.frames += 1;
    this.counts.faces += faces.length;
    const update = camera.tracker.update(faces, clock.now());
    for (const track of update.ended) camera.tracks.delete(track.id);
    this.options.onTracks?.(cameraId, {
      inView: update.assigned.map((a) => a.track.id),
      ended: update.ended.map((t) => t.id),
    });

    const out: FrameOutcome['faces'] = [];
    for (const { track, face, isNew } of update.assigned) {
      if (isNew) {
        camera.tracks.set(track.id, {
          votes: this.newVotes(),
          excluded: new Set(),
          cloudAskedAt: null,
          cloudPending: false,
        });
        this.options.onFaceSeen(cameraId);
      }
      const state = camera.tracks.get(track.id);
      if (state && state.votes.state.kind === 'pending') this.judge(cameraId, frame, track, state, face);
      out.push({ face, trackId: track.id, known: state?.votes.state.kind === 'decided' });
    }
    return { faces: out };
  }

  /** Gates, then (for an embedded face) one vote; a decision goes out through onRecognised. */
  private judge(cameraId: string, frame: RgbFrame, track: Track, state: TrackState, face: DetectedFace): void {
    const reason = recognitionGate(face, this.options.quality) ?? realnessGate(face, this.options.quality);
    if (reason !== null) {
      this.gates.reject(reason);
      return;
    }
    const crop: FaceCrop = () => cropToJpeg(frame, face.box, CLOUD_CROP_SIZE);
    if (this.options.cloud?.active() === true) {
      this.gates.pass();
      this.askCloud(this.options.cloud, cameraId, track.id, state, crop);
      return;
    }
    if (!face.embedding) return;
    this.counts.embeddings += 1;
    this.gates.pass();
    const outcome = state.votes.add(this.vote(face.embedding, state.excluded));
    if (outcome.kind === 'decided') {
      this.counts.decisions += 1;
      this.options.onRecognised(
        { cameraId, trackId: track.id, customerId: outcome.customerId, score: outcome.score },
        crop,
      );
    }
  }

  /**
   * Mode "cloud only": one question in flight per track, at most one per `intervalMs`; the answer decides the track
   * if it is still live and undecided (it may have left, or been rejected, meanwhile).
   */
  private askCloud(cloud: CloudTrackLookup, cameraId: string, trackId: number, state: TrackState, crop: FaceCrop) {
    const now = this.options.clock.now();
    if (state.cloudPending || (state.cloudAskedAt !== null && now - state.cloudAskedAt < cloud.intervalMs)) return;
    state.cloudPending = true;
    state.cloudAskedAt = now;
    void crop()
      .then((jpeg) => cloud.identify(jpeg))
      .catch(() => null)
      .then((vote) => {
        state.cloudPending = false;
        const live = this.cameras.get(cameraId)?.tracks.get(trackId) === state;
        if (!live || vote === null || state.excluded.has(vote.customerId)) return;
        if (state.votes.state.kind !== 'pending') return;
        state.votes.decide(vote.customerId, vote.score);
        this.counts.decisions += 1;
        this.options.onRecognised({ cameraId, trackId, customerId: vote.customerId, score: vote.score }, crop);
      });
  }

  /** Whether the track this face would join still needs a decision (a new face always does). */
  private needsDecision(camera: CameraState, face: DetectedFace): boolean {
    const track = camera.tracker.peek(face.box);
    const state = track ? camera.tracks.get(track.id) : undefined;
    return state === undefined || state.votes.state.kind === 'pending';
  }

  /** Counters since start. */
  stats(): PipelineStats {
    const gates = this.gates.snapshot();
    return { ...this.counts, facesMatched: gates.passed, gates: gates.rejected };
  }

  /** The gallery changed (enrolment, erasure): undecided tracks start voting afresh. */
  galleryChanged(): void {
    for (const camera of this.cameras.values()) {
      for (const state of camera.tracks.values()) {
        if (state.votes.state.kind !== 'decided') state.votes = this.newVotes();
      }
    }
  }

  /** Forget a person's decided tracks (erasure): they must not stay "known" on any camera. */
  forget(customerId: string): void {
    this.options.rejections?.forget(customerId);
    for (const camera of this.cameras.values()) {
      for (const [trackId, state] of camera.tracks) {
        const decided = state.votes.state;
        if (decided.kind === 'decided' && decided.customerId === customerId) camera.tracks.delete(trackId);
      }
    }
  }

  /**
   * A clerk said a recognition was wrong: the track (or, when the track is not known, every live track of that
   * camera decided for that customer) goes back to undecided and never proposes that customer again. Returns how
   * many live tracks were affected (0 when the person has already left).
   */
  reject(cameraId: string, customerId: string, trackId: number | null): number {
    const camera = this.cameras.get(cameraId);
    if (!camera) return 0;
    let affected = 0;
    for (const [id, state] of camera.tracks) {
      const decided = state.votes.state;
      const named = decided.kind === 'decided' && decided.customerId === customerId;
      if (trackId !== null ? id !== trackId : !named) continue;
      state.excluded.add(customerId);
      state.votes = this.newVotes();
      affected += 1;
    }
    this.counts.tracksRejected += affected;
    return affected;
  }

  private newVotes(): IdentityVotes {
    return new IdentityVotes(this.options.votes ?? DEFAULT_VOTES);
  }

  private vote(embedding: Float32Array, excluded: ReadonlySet<string>): Vote {
    const { best, second } = this.options.gallery.match(embedding);
    const { threshold, margin } = this.options.match;
    if (!best || excluded.has(best.customerId)) return null;
    const bar =
      threshold + (this.options.rejections?.thresholdRaise(best.customerId, this.options.match.rejection) ?? 0);
    if (best.score < bar) return null;
    if (second && best.score - second.score < margin) return null;
    return { customerId: best.customerId, score: best.score };
  }

  private camera(cameraId: string): CameraState {
    let state = this.cameras.get(cameraId);
    if (!state) {
      state = { tracker: new FaceTracker(this.options.tracker ?? DEFAULT_TRACKER), tracks: new Map() };
      this.cameras.set(cameraId, state);
    }
    return state;
  }
}
