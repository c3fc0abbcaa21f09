/**
 * Head pose (yaw and pitch, in degrees) estimated from BlazeFace's six keypoints, for the quality gate that keeps
 * side-on and tilted faces out of matching and enrolment. Pure geometry, no model.
 *
 * Model: the nose tip stands in front of the eyes by about half the distance between the eyes, so turning the
 * head by yaw moves it sideways from the eyes' midpoint by 0.5 * tan(yaw) eye-distances (the eye distance itself
 * shrinks by cos(yaw)); nodding moves it up or down between the eyes and the mouth in the same way. The neutral
 * nose height (NEUTRAL_NOSE_HEIGHT) is the median over the shared LFW photos, which face the camera.
 */
import type { FaceLandmarks } from './types.js';

export interface HeadPose {
  /** Positive: the face turned towards the picture's right. */
  readonly yaw: number;
  /** Positive: the face tilted down (chin in). */
  readonly pitch: number;
}

/** Nose tip height between eye line (0) and mouth (1) of a face looking straight at the camera (LFW median). */
export const NEUTRAL_NOSE_HEIGHT = 0.53;
/** How far the nose tip stands in front of the eyes, in eye distances (and in eye-to-mouth distances). */
const NOSE_DEPTH = 0.5;

const degrees = (radians: number) => (radians * 180) / Math.PI;

/** Yaw and pitch of a face from its keypoints; null when the keypoints are degenerate (eyes on one spot). */
export function estimateHeadPose(landmarks: FaceLandmarks): HeadPose | null {
  const { rightEye, leftEye, nose, mouth } = landmarks;
  const eyeMidX = (rightEye.x + leftEye.x) / 2;
  const eyeMidY = (rightEye.y + leftEye.y) / 2;
  const eyeDistance = Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y);
  const eyeToMouth = mouth.y - eyeMidY;
  if (eyeDistance < 1 || eyeToMouth < 1) return null;
  const sideways = (nose.x - eyeMidX) / eyeDistance;
  const downwards = (nose.y - eyeMidY) / eyeToMouth - NEUTRAL_NOSE_HEIGHT;
  return {
    yaw: degrees(Math.atan(sideways / NOSE_DEPTH)),
    pitch: degrees(Math.atan(downwards / NOSE_DEPTH)),
  };
}
