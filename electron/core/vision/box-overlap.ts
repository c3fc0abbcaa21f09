/**
 * Overlap of two face boxes as intersection over union (0 when they do not touch or both are empty). Shared by
 * the ONNX engine (matching a face to a detection) and the face tracker (continuing a track).
 */
import type { Box } from './types.js';

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}
