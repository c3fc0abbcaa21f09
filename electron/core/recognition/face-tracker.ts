/**
 * Follows faces across the frames of one camera by box overlap, so one person in front of the camera is one
 * track (and one visit), however many frames show them. Pure: time comes in with each update.
 */
import type { Box } from '../vision/types.js';

export interface TrackerOptions {
  /** Minimum intersection-over-union for a face to continue an existing track. */
  readonly minIou: number;
  /** A track not seen for this long has ended (the person left). */
  readonly maxGapMs: number;
}

export const DEFAULT_TRACKER: TrackerOptions = { minIou: 0.3, maxGapMs: 2500 };

export interface Track {
  readonly id: number;
  box: Box;
  readonly firstSeenAt: number;
  lastSeenAt: number;
  /** Frames in which this track was seen. */
  frames: number;
}

export interface TrackUpdate<F> {
  readonly assigned: { track: Track; face: F; isNew: boolean }[];
  readonly ended: Track[];
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

export class FaceTracker {
  private readonly tracks = new Map<number, Track>();
  private nextId = 1;

  constructor(private readonly options: TrackerOptions = DEFAULT_TRACKER) {}

  get active(): readonly Track[] {
    return [...this.tracks.values()];
  }

  /** Assigns this frame's faces to tracks (greedy by best overlap), opens new tracks, and ends stale ones. */
  update<F extends { box: Box }>(faces: readonly F[], now: number): TrackUpdate<F> {
    const ended: Track[] = [];
    for (const track of this.tracks.values()) {
      if (now - track.lastSeenAt > this.options.maxGapMs) {
        ended.push(track);
        this.tracks.delete(track.id);
      }
    }

    const pairs: { track: Track; faceIndex: number; overlap: number }[] = [];
    faces.forEach((face, faceIndex) => {
      for (const track of this.tracks.values()) {
        const overlap = iou(track.box, face.box);
        if (overlap >= this.options.minIou) pairs.push({ track, faceIndex, overlap });
      }
    });
    pairs.sort((a, b) => b.overlap - a.overlap);

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
        return { track: existing, face, isNew: false };
      }
      const track: Track = { id: this.nextId++, box: face.box, firstSeenAt: now, lastSeenAt: now, frames: 1 };
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
