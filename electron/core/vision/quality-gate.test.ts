import { describe, expect, it } from 'vitest';
import { checkEnrolmentSample, DEFAULT_QUALITY, passesRecognitionGate } from './quality-gate.js';
import type { DetectedFace } from './types.js';

const frame = { width: 640, height: 480 };

function face(x: number, y: number, width: number, extra: Partial<DetectedFace> = {}): DetectedFace {
  return { box: { x, y, width, height: width }, score: 0.9, embedding: null, sharpness: 60, ...extra };
}

describe('checkEnrolmentSample', () => {
  it('accepts one large, confident, sharp face and returns it', () => {
    const f = face(250, 150, 140);
    expect(checkEnrolmentSample([f], frame)).toEqual({ ok: true, face: f });
  });

  it('says no_face when nothing was detected', () => {
    const r = checkEnrolmentSample([], frame);
    expect(r).toMatchObject({ ok: false, reason: 'no_face' });
  });

  it('says low_confidence when the only detections are weak', () => {
    expect(checkEnrolmentSample([face(250, 150, 140, { score: 0.4 })], frame)).toMatchObject({
      ok: false,
      reason: 'low_confidence',
    });
  });

  it('says several_faces when a second comparable face is in view, even a less confident one', () => {
    const r = checkEnrolmentSample([face(100, 150, 140), face(400, 150, 120, { score: 0.55 })], frame);
    expect(r).toMatchObject({ ok: false, reason: 'several_faces' });
    if (!r.ok) expect(r.message).toMatch(/2 faces/);
  });

  it('ignores a small bystander far behind and a weak false detection', () => {
    const main = face(250, 150, 140);
    const r = checkEnrolmentSample([face(20, 20, 40), main, face(400, 100, 130, { score: 0.3 })], frame);
    expect(r).toEqual({ ok: true, face: main });
  });

  it('says too_small with the measured and needed widths', () => {
    const r = checkEnrolmentSample([face(250, 150, 60)], frame);
    expect(r).toEqual({
      ok: false,
      reason: 'too_small',
      message: `Move closer: the face is 60 px wide, at least ${DEFAULT_QUALITY.minEnrolFaceWidth} px needed.`,
    });
  });

  it('says too_blurry when the face is not sharp enough', () => {
    expect(checkEnrolmentSample([face(250, 150, 140, { sharpness: 3 })], frame)).toMatchObject({
      ok: false,
      reason: 'too_blurry',
    });
  });

  it('rejects a face cut off by the frame edge', () => {
    const r = checkEnrolmentSample([face(560, 150, 80)], frame);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Only part of the face/);
  });

  it('uses the options it is given', () => {
    const f = face(250, 150, 100);
    expect(checkEnrolmentSample([f], frame, { ...DEFAULT_QUALITY, minEnrolFaceWidth: 120 }).ok).toBe(false);
  });
});

describe('passesRecognitionGate', () => {
  it('passes a face of fair size, score and sharpness', () => {
    expect(passesRecognitionGate(face(10, 10, 60, { score: 0.8, sharpness: 20 }))).toBe(true);
  });

  it('fails a face that is too small, too weak or too blurred', () => {
    expect(passesRecognitionGate(face(10, 10, 30))).toBe(false);
    expect(passesRecognitionGate(face(10, 10, 60, { score: 0.3 }))).toBe(false);
    expect(passesRecognitionGate(face(10, 10, 60, { sharpness: 1 }))).toBe(false);
  });
});
