/**
 * Decoding of the attribute models' outputs, as human 3.3.6 decodes them (src/face/faceres.ts,
 * src/gear/emotion.ts, antispoof.ts, liveness.ts): FaceRes's gender sigmoid and 100-bin age softmax, the
 * emotion softmax over seven labels, and the first output of the anti-spoofing and liveness models.
 */

import type { EmotionLabel } from '../types.js';

/** The emotion model's labels in output order (the grayscale oarriaga model human ships). */
export const EMOTIONS: readonly EmotionLabel[] = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

/** Age in years: the top bin refined towards its larger neighbour, to 0.1 year (human's formula). */
export function decodeAge(bins: ArrayLike<number>): number {
  let idx = 0;
  for (let i = 1; i < bins.length; i++) if ((bins[i] as number) > (bins[idx] as number)) idx = i;
  const before = bins[idx - 1] ?? 0;
  const after = bins[idx + 1] ?? 0;
  return Math.round(before > after ? 10 * idx - 100 * before : 10 * idx + 100 * after) / 10;
}

/** Gender from the sigmoid: at most 0.5 is female; the score is the distance from 0.5, scaled to 0..1. */
export function decodeGender(sigmoid: number): { label: 'female' | 'male'; score: number } {
  return { label: sigmoid <= 0.5 ? 'female' : 'male', score: Math.min(1, 2 * Math.abs(sigmoid - 0.5)) };
}

/** The most probable emotion (the first label wins a tie, as a stable sort does in human). */
export function decodeEmotion(probabilities: ArrayLike<number>): { label: EmotionLabel; score: number } {
  let best = 0;
  for (let i = 1; i < EMOTIONS.length; i++)
    if ((probabilities[i] as number) > (probabilities[best] as number)) best = i;
  return { label: EMOTIONS[best] as EmotionLabel, score: probabilities[best] as number };
}

/** ITU-R BT.601 weights human uses to turn the face crop grey for the emotion model. */
export const GREY_WEIGHTS = [0.2989, 0.587, 0.114] as const;

/** human's emotion input: grey = sum(rgb * weights) of the 0..1 crop, then (grey - 0.5) * 2. */
export function emotionInput(rgbUnit: Float32Array): Float32Array {
  const n = rgbUnit.length / 3;
  const out = new Float32Array(n);
  const [r, g, b] = GREY_WEIGHTS;
  for (let i = 0; i < n; i++) {
    const grey =
      (rgbUnit[i * 3] as number) * r + (rgbUnit[i * 3 + 1] as number) * g + (rgbUnit[i * 3 + 2] as number) * b;
    out[i] = (grey - 0.5) * 2;
  }
  return out;
}
