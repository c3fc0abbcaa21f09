import { describe, expect, it } from 'vitest';
import { iou } from '../vision/box-overlap.js';
import { DEFAULT_TRACKER, FaceTracker } from './face-tracker.js';

const box = (x: number, y: number, size = 100) => ({ x, y, width: size, height: size });

describe('FaceTracker', () => {
  it('computes overlap as intersection over union', () => {
    expect(iou(box(0, 0), box(0, 0))).toBe(1);
    expect(iou(box(0, 0), box(200, 200))).toBe(0);
    expect(iou(box(0, 0), box(50, 0))).toBeCloseTo(50 / 150, 5);
  });

  it('keeps one track for a face that moves a little between frames', () => {
    const tracker = new FaceTracker();
    const first = tracker.update([{ box: box(100, 100) }], 0);
    const second = tracker.update([{ box: box(110, 105) }], 200);
    expect(first.assigned[0]?.isNew).toBe(true);
    expect(second.assigned[0]?.isNew).toBe(false);
    expect(second.assigned[0]?.track.id).toBe(first.assigned[0]?.track.id);
    expect(second.assigned[0]?.track.frames).toBe(2);
  });

  it('gives two people side by side two tracks', () => {
    const tracker = new FaceTracker();
    const update = tracker.update([{ box: box(0, 0) }, { box: box(300, 0) }], 0);
    expect(new Set(update.assigned.map((a) => a.track.id)).size).toBe(2);
  });

  it('ends a track when the face has been gone longer than the gap', () => {
    const tracker = new FaceTracker({ ...DEFAULT_TRACKER, minIou: 0.3, maxGapMs: 1000 });
    tracker.update([{ box: box(0, 0) }], 0);
    expect(tracker.update([], 500).ended).toHaveLength(0);
    const later = tracker.update([], 1600);
    expect(later.ended).toHaveLength(1);
    expect(tracker.active).toHaveLength(0);
  });
});

describe('FaceTracker with embeddings', () => {
  const unit = (...xs: number[]) => {
    const n = Math.hypot(...xs);
    return new Float32Array(xs.map((x) => x / n));
  };

  it('keeps apart two people whose boxes overlap when their faces differ', () => {
    const tracker = new FaceTracker();
    const first = tracker.update([{ box: box(100, 100), embedding: unit(1, 0, 0) }], 0);
    const second = tracker.update([{ box: box(110, 100), embedding: unit(0, 1, 0) }], 200);
    expect(second.assigned[0]?.isNew).toBe(true);
    expect(second.assigned[0]?.track.id).not.toBe(first.assigned[0]?.track.id);
  });

  it('follows a person who moved past the overlap between frames when the face is the same', () => {
    const tracker = new FaceTracker();
    const first = tracker.update([{ box: box(100, 100), embedding: unit(1, 0.1, 0) }], 0);
    const second = tracker.update([{ box: box(220, 100), embedding: unit(1, 0.12, 0) }], 400);
    expect(second.assigned[0]?.track.id).toBe(first.assigned[0]?.track.id);
  });

  it('does not join a like face far across the frame', () => {
    const tracker = new FaceTracker();
    tracker.update([{ box: box(0, 0), embedding: unit(1, 0, 0) }], 0);
    expect(tracker.update([{ box: box(600, 0), embedding: unit(1, 0, 0) }], 200).assigned[0]?.isNew).toBe(true);
  });

  it('tells where a face would go without changing the tracks', () => {
    const tracker = new FaceTracker();
    const { assigned } = tracker.update([{ box: box(100, 100) }], 0);
    expect(tracker.peek(box(105, 100))?.id).toBe(assigned[0]?.track.id);
    expect(tracker.peek(box(400, 100))).toBeNull();
    expect(tracker.active[0]?.frames).toBe(1);
  });
});
