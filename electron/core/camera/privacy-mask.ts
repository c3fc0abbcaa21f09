/**
 * Privacy masks: polygons (frame-relative, 0..1) blacked out on the decoded RGB frame BEFORE anything looks at it.
 * Detection, tracking, enrolment samples and the preview all see the masked pixels; the preview is re-encoded from
 * the masked frame, never taken from the camera's JPEG. Pure pixel code, no dependencies.
 */
import type { RgbFrame } from '../vision/types.js';

export interface MaskPoint {
  readonly x: number;
  readonly y: number;
}

export type MaskPolygon = readonly MaskPoint[];

/**
 * Fills every polygon with black in place (the frame must be one the caller owns, e.g. fresh from the decoder).
 * Even-odd rule at pixel centres, row by row; a pixel whose centre lies inside is masked, and so are pixels the
 * polygon's edge crosses on the way (the fill is grown by half a pixel), so no sliver of a masked face survives
 * at the border. Returns the number of pixels blacked out.
 */
export function applyPrivacyMasks(frame: RgbFrame, masks: readonly MaskPolygon[]): number {
  let blacked = 0;
  const { width, height, data } = frame;
  for (const polygon of masks) {
    if (polygon.length < 3) continue;
    const points = polygon.map((p) => ({ x: p.x * width, y: p.y * height }));
    const top = Math.max(0, Math.floor(Math.min(...points.map((p) => p.y)) - 0.5));
    const bottom = Math.min(height - 1, Math.ceil(Math.max(...points.map((p) => p.y)) + 0.5));
    for (let row = top; row <= bottom; row++) {
      // Sample the row at its top, centre and bottom: a thin or slanted polygon is caught on whichever it crosses.
      const spans: [number, number][] = [];
      for (const y of [row + 0.02, row + 0.5, row + 0.98]) spans.push(...rowSpans(points, y));
      for (const [from, to] of spans) {
        const x0 = Math.max(0, Math.floor(from));
        const x1 = Math.min(width - 1, Math.ceil(to) - 1);
        for (let x = x0; x <= x1; x++) {
          const i = (row * width + x) * 3;
          if (data[i] !== 0 || data[i + 1] !== 0 || data[i + 2] !== 0) blacked++;
          data[i] = 0;
          data[i + 1] = 0;
          data[i + 2] = 0;
        }
      }
    }
  }
  return blacked;
}

/** The x intervals of the polygon's interior on the horizontal line at `y` (even-odd). */
function rowSpans(points: readonly MaskPoint[], y: number): [number, number][] {
  const xs: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as MaskPoint;
    const b = points[(i + 1) % points.length] as MaskPoint;
    if (a.y <= y === b.y <= y) continue; // the edge does not cross this line
    xs.push(a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x));
  }
  xs.sort((p, q) => p - q);
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < xs.length; i += 2) spans.push([xs[i] as number, xs[i + 1] as number]);
  return spans;
}

/** A rectangle as a mask polygon, in frame-relative coordinates. */
export function rectangleMask(x: number, y: number, width: number, height: number): MaskPoint[] {
  return [
    { x, y },
    { x: x + width, y },
    { x: x + width, y: y + height },
    { x, y: y + height },
  ];
}
