/**
 * Follows faces across the frames of one camera, so one person in front of the camera is one track (and one
 * visit), however many frames show them. Faces join tracks by box overlap and, when both have an embedding, by
 * embedding similarity: two people crossing are kept apart (overlap but unlike faces) and a person who moved
 * further than the overlap allows between two analysed frames is kept together (like faces nearby). Pure: time
 * comes in with each update.
 *
 * Privacy: a track's embedding is the last one computed for it, held only while the track lives.
 */
import { dot } from '../matching/similarity.js';
import { iou } from '../vision/box-overlap.js';
import type { Box } from '../vision/types.js';

export interface TrackerOptions {
  /** Minimum intersection-over-union for a face to continue an existing track. */
  readonly minIou: number;
  /** A track not seen for this long has ended (the person left). */
  readonly maxGapMs: number;
  /** With embeddings on both sides: this similar or more joins a face to a track even without overlap... */
  readonly sameFaceSimilarity: number;
  /** ...as long as the boxes' centres are at most this many face widths apart. */
  readonly maxJumpWidths: number;
  /** With embeddings on both sides: below this similarity an overlapping face is someone else. */
  readonly otherFaceSimilarity: number;
}

/**
 * Similarities for human's FaceRes: genuine pairs on LFW average 0.69, impostors 0.45. Other models score on
 * other scales: the core takes the two similarity bars of the running model from thresholds.ts.
 */
export const DEFAULT_TRACKER: TrackerOptions = {
  minIou: 0.3,
  maxGapMs: 2500,
  sameFaceSimilarity: 0.7,
  maxJumpWidths: 2,
  otherFaceSimilarity: 0.35,
};

export interface Track {
  readonly id: number;
  box: Box;
  readonly firstSeenAt: number;
  lastSeenAt: number;
  /** Frames in which this track was seen. */
  frames: number;
  /** The latest embedding computed for this track (unit length), if any. */
  embedding: Float32Array | null;
}

export interface TrackUpdate<F> {
  readonly assigned: { track: Track; face: F; isNew: boolean }[];
  readonly ended: Track[];
}

export interface TrackableFace {
  readonly box: Box;
  readonly embedding?: Float32Array | null;
}

function centreDistanceInWidths(a: Box, b: Box): number {
  const dx = a.x + a.width / 2 - (b.x + b.width / 2);
  const dy = a.y + a.height / 2 - (b.y + b.height / 2);
  return Math.hypot(dx, dy) / Math.max(1, a.width, b.width);
}

export class FaceTracker {
  private readonly tracks = new Map<number, Track>();
  private nextId = 1;

  constructor(private readonly options: TrackerOptions = DEFAULT_TRACKER) {}

  get active(): readonly Track[] {
    return [...this.tracks.values()];
  }

  /** The live track a face at this box would most likely join (best overlap), without changing anything. */
  peek(box: Box): Track | null {
    let best: Track | null = null;
    let bestOverlap = this.options.minIou;
    for (const track of this.tracks.values()) {
      const overlap = iou(track.box, box);
      if (overlap >= bestOverlap) {
        best = track;
        bestOverlap = overlap;
      }
    }
    return best;
  }

  /** How well a face fits a track (higher is better), or null when it must not join it. */
  private affinity(track: Track, face: TrackableFace): number | null {
    const overlap = iou(track.box, face.box);
    const similarity = track.embedding && face.embedding ? dot(track.embedding, face.embedding) : null;
    if (similarity !== null && similarity < this.options.otherFaceSimilarity) return null;
    if (overlap >= this.options.minIou) return overlap + (similarity ?? 0);
    if (
      similarity !== null &&
      similarity >= this.options.sameFaceSimilarity &&
      centreDistanceInWidths(track.box, face.box) <= this.options.maxJumpWidths
    ) {
      return similarity;
    }
    return null;
  }

  /** Assigns this frame's faces to tracks (greedy by best affinity), opens new tracks, and ends stale ones. */
  update<F extends TrackableFace>(faces: readonly F[], now: number): TrackUpdate<F> {
    const ended: Track[] = [];
    for (const track of this.tracks.values()) {
      if (now - track.lastSeenAt > this.options.maxGapMs) {
        ended.push(track);
        this.tracks.delete(track.id);
      }
    }

    const pairs: { track: Track; faceIndex: number; affinity: number }[] = [];
    faces.forEach((face, faceIndex) => {
      for (const track of this.tracks.values()) {
        const affinity = this.affinity(track, face);
        if (affinity !== null) pairs.push({ track, faceIndex, affinity });
      }
    });
    pairs.sort((a, b) => b.affinity - a.affinity);

    const usedTracks = new Set<number>();
    const faceTrack = new Map<number, Track>();
    for (const pair of pairs) {
      if (usedTracks.has(pair.track.id) || faceTrack.has(pair.faceIndex)) continue;
      usedTracks.add(pair.track.id);
      faceTrack.set(pair.faceIndex, pair.track);
    }

    const assigned = faces.map((face, faceIndex) => {
      const existing = faceTrack.get(faceIndex);
      if (existing) {
        existing.box = face.box;
        existing.lastSeenAt = now;
        existing.frames += 1;
        if (face.embedding) existing.embedding = face.embedding;
        return { track: existing, face, isNew: false };
      }
      const track: Track = {
        id: this.nextId++,
        box: face.box,
        firstSeenAt: now,
        lastSeenAt: now,
        frames: 1,
        embedding: face.embedding ?? null,
      };
      this.tracks.set(track.id, track);
      return { track, face, isNew: true };
    });
    return { assigned, ended };
  }

  clear(): Track[] {
    const all = [...this.tracks.values()];
    this.tracks.clear();
    return all;
  }
}
