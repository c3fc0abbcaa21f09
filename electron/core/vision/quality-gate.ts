/**
 * Quality gates on detected faces: the strict one for enrolment samples (one clear, large, sharp,
 * frontal, live, whole face, with a sentence for the manager when not) and the looser one a face must pass
 * before live recognition spends an embedding on it and matches it, which names the reason it failed so the
 * pipeline can count failures per reason. Pure: works on DetectedFace values only.
 *
 * Defaults come from the shared photos with the human engine (electron/core/vision/calibrate.ts):
 * - LFW faces (250x250 photos) are 87-125 px wide (median 103); BBT crops padded to 300 px, 132-151.
 * - Detector scores of real subjects: min 0.73, 5th percentile 0.81. False detections in LFW
 *   backgrounds: 0.2-0.45 (real bystanders up to 0.89).
 * - Sharpness of sharp LFW faces: min 17, 5th percentile 40, median 102. After gaussian blur
 *   sigma 2 / 3 / 4: mean 16 / 7.4 / 5.2, and the best genuine similarity falls from 0.76 to
 *   0.72 / 0.65 / 0.54 (below the match threshold from sigma 3 on).
 * - Downscaling LFW so faces are ~47 px cost ~0.03 of genuine similarity, ~34 px ~0.05.
 * - Head pose from the keypoints (head-pose.ts) over LFW: yaw 5th-95th percentile -39..28 degrees (a few
 *   near-profiles at -57), pitch -25..22.
 * - Anti-spoofing and liveness scores apply only when the engine computed them (gates on absent scores pass):
 *   human's models scored real LFW and camera faces 0.55-0.65 (anti-spoof) and 0.98-0.99 (liveness).
 */
import type { QualityRejection } from '../../contract/dto.js';
import { estimateHeadPose } from './head-pose.js';
import type { DetectedFace } from './types.js';

export interface QualityOptions {
  /** Enrolment: least face width in frame pixels. 80 px keeps every LFW face and a customer about
   * 1.5 m from a 640x480 webcam; enrolment templates should be better than the faces they meet. */
  readonly minEnrolFaceWidth: number;
  /** Enrolment: least detector score (0..1) of the face to enrol. LFW subjects scored 0.73 or more,
   * the two people in two_people.jpg 0.73 and 0.65. */
  readonly minEnrolScore: number;
  /** Enrolment: least sharpness (Laplacian variance of the grey face at 112 px). Sharp photos
   * scored 17 or more; blur sigma 3 averages 7.4, where genuine similarity starts to drop. */
  readonly minEnrolSharpness: number;
  /** Enrolment: another face counts as a second person when its detector score reaches
   * otherFaceMinScore and it is at least otherFaceWidthRatio of the main face's width (smaller ones
   * are bystanders far behind, which do not make the sample ambiguous). */
  readonly otherFaceWidthRatio: number;
  /** Enrolment: see otherFaceWidthRatio. Lower than minEnrolScore so a half-turned second person
   * still counts; LFW background false detections scored 0.2-0.45. */
  readonly otherFaceMinScore: number;
  /** Recognition: least face width in pixels; ~47 px faces still matched nearly as well. */
  readonly minRecogniseFaceWidth: number;
  /** Recognition: least detector score; above LFW's background false detections (0.2-0.45). */
  readonly minRecogniseScore: number;
  /** Recognition: least sharpness; below it faces are too blurred to match reliably (sigma 4). */
  readonly minRecogniseSharpness: number;
  /** Enrolment: largest head turn left or right, degrees. Templates should be near-frontal. */
  readonly maxEnrolYaw: number;
  /** Enrolment: largest nod up or down, degrees. */
  readonly maxEnrolPitch: number;
  /** Recognition: largest head turn, degrees; keeps about 95 % of LFW's faces, drops side-on ones. */
  readonly maxRecogniseYaw: number;
  /** Recognition: largest nod, degrees. */
  readonly maxRecognisePitch: number;
  /** Least anti-spoofing score (0..1) when the engine reports one; 0 switches the gate off. */
  readonly minRealScore: number;
  /** Least liveness score (0..1) when the engine reports one; 0 switches the gate off. */
  readonly minLiveScore: number;
}

export const DEFAULT_QUALITY: QualityOptions = {
  minEnrolFaceWidth: 80,
  minEnrolScore: 0.6,
  minEnrolSharpness: 12,
  otherFaceWidthRatio: 0.5,
  otherFaceMinScore: 0.5,
  minRecogniseFaceWidth: 48,
  minRecogniseScore: 0.5,
  minRecogniseSharpness: 6,
  maxEnrolYaw: 30,
  maxEnrolPitch: 25,
  maxRecogniseYaw: 40,
  maxRecognisePitch: 30,
  minRealScore: 0.3,
  minLiveScore: 0.5,
};

/** Why a live face was not matched; each is counted (see GateCounter). */
export const GATE_REASONS = [
  'too_small',
  'low_confidence',
  'too_blurry',
  'head_turned',
  'head_tilted',
  'spoof',
  'not_live',
] as const;
export type GateReason = (typeof GATE_REASONS)[number];

export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

export type EnrolmentCheck =
  | { readonly ok: true; readonly face: DetectedFace }
  | { readonly ok: false; readonly reason: QualityRejection; readonly message: string };

function reject(reason: QualityRejection, message: string): EnrolmentCheck {
  return { ok: false, reason, message };
}

function widest(faces: readonly DetectedFace[]): DetectedFace | undefined {
  return faces.reduce<DetectedFace | undefined>(
    (w, f) => (w === undefined || f.box.width > w.box.width ? f : w),
    undefined,
  );
}

/** Whether the face box reaches the frame border (boxes are clamped, so part may be cut off). */
function touchesBorder(face: DetectedFace, frame: FrameSize): boolean {
  const { x, y, width, height } = face.box;
  return x <= 0 || y <= 0 || x + width >= frame.width || y + height >= frame.height;
}

/**
 * Decides whether a frame makes a good enrolment sample, and which face it is. Checks run from the
 * most to the least fundamental, so the manager is told the first thing to fix.
 */
export function checkEnrolmentSample(
  faces: readonly DetectedFace[],
  frame: FrameSize,
  options: QualityOptions = DEFAULT_QUALITY,
): EnrolmentCheck {
  if (faces.length === 0) {
    return reject('no_face', 'No face found: ask the customer to look straight at the camera.');
  }
  const confident = faces.filter((f) => f.score >= options.minEnrolScore);
  const main = widest(confident);
  if (main === undefined) {
    return reject(
      'low_confidence',
      'The face is not clear enough: ask the customer to face the camera in good light, without a hat or sunglasses.',
    );
  }
  const others = faces.filter(
    (f) =>
      f !== main && f.score >= options.otherFaceMinScore && f.box.width >= options.otherFaceWidthRatio * main.box.width,
  );
  if (others.length > 0) {
    return reject(
      'several_faces',
      `${others.length + 1} faces are in view: make sure only the customer is in front of the camera.`,
    );
  }
  if (touchesBorder(main, frame)) {
    // A face cut off by the frame edge would make a poor template.
    return reject(
      'partly_outside',
      'Only part of the face is in the picture: ask the customer to stand in the middle of the frame.',
    );
  }
  const width = Math.round(main.box.width);
  if (width < options.minEnrolFaceWidth) {
    return reject(
      'too_small',
      `Move closer: the face is ${width} px wide, at least ${options.minEnrolFaceWidth} px needed.`,
    );
  }
  if (main.sharpness < options.minEnrolSharpness) {
    return reject(
      'too_blurry',
      `The picture is blurred (sharpness ${main.sharpness.toFixed(0)}, at least ${options.minEnrolSharpness} needed): ask the customer to hold still and check the camera is in focus.`,
    );
  }
  const pose = main.landmarks ? estimateHeadPose(main.landmarks) : null;
  if (pose && (Math.abs(pose.yaw) > options.maxEnrolYaw || Math.abs(pose.pitch) > options.maxEnrolPitch)) {
    return reject(
      'head_turned',
      `The head is turned too far (${Math.round(Math.abs(pose.yaw))}° sideways, ${Math.round(Math.abs(pose.pitch))}° up or down): ask the customer to look at the camera.`,
    );
  }
  if (failsRealness(main, options)) {
    return reject(
      'not_live',
      'This does not look like a live face (a photo or a screen?): ask the customer to stand in front of the camera themselves.',
    );
  }
  return { ok: true, face: main };
}

function failsRealness(face: DetectedFace, options: QualityOptions): boolean {
  return (
    (face.realScore !== undefined && face.realScore < options.minRealScore) ||
    (face.liveScore !== undefined && face.liveScore < options.minLiveScore)
  );
}

/**
 * The first gate a live face fails before embedding (size, detector score, sharpness, head pose), or null.
 * Anti-spoofing and liveness need the embedding pass: see `realnessGate`.
 */
export function recognitionGate(face: DetectedFace, options: QualityOptions = DEFAULT_QUALITY): GateReason | null {
  if (face.box.width < options.minRecogniseFaceWidth) return 'too_small';
  if (face.score < options.minRecogniseScore) return 'low_confidence';
  if (face.sharpness < options.minRecogniseSharpness) return 'too_blurry';
  const pose = face.landmarks ? estimateHeadPose(face.landmarks) : null;
  if (pose && Math.abs(pose.yaw) > options.maxRecogniseYaw) return 'head_turned';
  if (pose && Math.abs(pose.pitch) > options.maxRecognisePitch) return 'head_tilted';
  return null;
}

/** The realness gate a face fails (anti-spoofing, then liveness), or null; absent scores pass. */
export function realnessGate(face: DetectedFace, options: QualityOptions = DEFAULT_QUALITY): GateReason | null {
  if (face.realScore !== undefined && face.realScore < options.minRealScore) return 'spoof';
  if (face.liveScore !== undefined && face.liveScore < options.minLiveScore) return 'not_live';
  return null;
}

/** Whether a live face is good enough to embed and match: every gate, including realness when scored. */
export function passesRecognitionGate(face: DetectedFace, options: QualityOptions = DEFAULT_QUALITY): boolean {
  return recognitionGate(face, options) === null && realnessGate(face, options) === null;
}

/** Counts of faces turned away by each gate, and of faces that passed, since the counter was made. */
export class GateCounter {
  private readonly counts = new Map<GateReason, number>();
  private passedCount = 0;

  reject(reason: GateReason): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }

  pass(): void {
    this.passedCount += 1;
  }

  snapshot(): { readonly passed: number; readonly rejected: Readonly<Record<GateReason, number>> } {
    const rejected = Object.fromEntries(GATE_REASONS.map((r) => [r, this.counts.get(r) ?? 0])) as Record<
      GateReason,
      number
    >;
    return { passed: this.passedCount, rejected };
  }
}
