import { describe, expect, it } from 'vitest';
import { estimateHeadPose } from './head-pose.js';
import {
  checkEnrolmentSample,
  DEFAULT_QUALITY,
  GateCounter,
  passesRecognitionGate,
  realnessGate,
  recognitionGate,
} from './quality-gate.js';
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

describe('head pose, realness and the counted gates', () => {
  const frontal = {
    rightEye: { x: 100, y: 100 },
    leftEye: { x: 140, y: 100 },
    nose: { x: 120, y: 121 },
    mouth: { x: 120, y: 140 },
    rightEar: { x: 80, y: 110 },
    leftEar: { x: 160, y: 110 },
  };
  const turned = { ...frontal, nose: { x: 140, y: 121 } }; // nose over the left eye: about 45 degrees
  const nodding = { ...frontal, nose: { x: 120, y: 138 } }; // nose almost at the mouth

  it('estimates a frontal face as about 0 degrees and a turned one as well over 30', () => {
    const straight = estimateHeadPose(frontal);
    expect(Math.abs(straight?.yaw ?? 99)).toBeLessThan(3);
    expect(Math.abs(straight?.pitch ?? 99)).toBeLessThan(3);
    expect(estimateHeadPose(turned)?.yaw).toBeGreaterThan(40);
    expect(estimateHeadPose(nodding)?.pitch).toBeGreaterThan(30);
    expect(estimateHeadPose({ ...frontal, leftEye: frontal.rightEye })).toBeNull();
  });

  it('names the first gate a live face fails', () => {
    expect(recognitionGate(face(10, 10, 60, { landmarks: frontal }))).toBeNull();
    expect(recognitionGate(face(10, 10, 30))).toBe('too_small');
    expect(recognitionGate(face(10, 10, 60, { score: 0.3 }))).toBe('low_confidence');
    expect(recognitionGate(face(10, 10, 60, { sharpness: 1 }))).toBe('too_blurry');
    expect(recognitionGate(face(10, 10, 60, { landmarks: turned }))).toBe('head_turned');
    expect(recognitionGate(face(10, 10, 60, { landmarks: nodding }))).toBe('head_tilted');
    expect(realnessGate(face(10, 10, 60, { realScore: 0.1 }))).toBe('spoof');
    expect(realnessGate(face(10, 10, 60, { liveScore: 0.1 }))).toBe('not_live');
    expect(realnessGate(face(10, 10, 60))).toBeNull();
    expect(passesRecognitionGate(face(10, 10, 60, { liveScore: 0.1 }))).toBe(false);
  });

  it('refuses a side-on or spoofed enrolment sample with a sentence for the manager', () => {
    expect(checkEnrolmentSample([face(250, 150, 140, { landmarks: turned })], frame)).toMatchObject({
      ok: false,
      reason: 'head_turned',
    });
    const spoof = checkEnrolmentSample([face(250, 150, 140, { realScore: 0.05 })], frame);
    expect(spoof).toMatchObject({ ok: false, reason: 'not_live' });
    if (!spoof.ok) expect(spoof.message).toMatch(/photo or a screen/);
  });

  it('counts rejections per reason and passes', () => {
    const counter = new GateCounter();
    counter.reject('too_small');
    counter.reject('too_small');
    counter.reject('spoof');
    counter.pass();
    const { passed, rejected } = counter.snapshot();
    expect(passed).toBe(1);
    expect(rejected).toMatchObject({ too_small: 2, spoof: 1, head_turned: 0 });
  });
});
