import { describe, expect, it } from 'vitest';
import type { RgbFrame } from '../vision/types.js';
import { applyPrivacyMasks, rectangleMask } from './privacy-mask.js';

function whiteFrame(width: number, height: number): RgbFrame {
  return { width, height, data: new Uint8Array(width * height * 3).fill(255) };
}

function isBlack(frame: RgbFrame, x: number, y: number): boolean {
  const i = (y * frame.width + x) * 3;
  return frame.data[i] === 0 && frame.data[i + 1] === 0 && frame.data[i + 2] === 0;
}

describe('privacy masks', () => {
  it('blacks out a rectangle and nothing outside it', () => {
    const frame = whiteFrame(100, 50);
    const blacked = applyPrivacyMasks(frame, [rectangleMask(0.5, 0, 0.5, 0.5)]);
    expect(isBlack(frame, 50, 0)).toBe(true);
    expect(isBlack(frame, 99, 24)).toBe(true);
    expect(isBlack(frame, 48, 10)).toBe(false);
    expect(isBlack(frame, 60, 26)).toBe(false);
    expect(blacked).toBeGreaterThanOrEqual(50 * 25);
    expect(blacked).toBeLessThanOrEqual(52 * 27);
  });

  it('follows a triangle: inside black, the other half of the bounding box untouched', () => {
    const frame = whiteFrame(100, 100);
    applyPrivacyMasks(frame, [
      [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 0, y: 1 },
      ],
    ]);
    expect(isBlack(frame, 10, 10)).toBe(true);
    expect(isBlack(frame, 90, 90)).toBe(false);
  });

  it('masks a polygon thinner than a pixel and clips one that reaches past the frame', () => {
    const frame = whiteFrame(40, 40);
    applyPrivacyMasks(frame, [rectangleMask(0.5, 0.1, 0.001, 0.5), rectangleMask(0.9, 0.9, 0.1, 0.1)]);
    expect(isBlack(frame, 20, 10)).toBe(true);
    expect(isBlack(frame, 39, 39)).toBe(true);
  });

  it('leaves the frame alone without masks or with a degenerate polygon', () => {
    const frame = whiteFrame(10, 10);
    expect(applyPrivacyMasks(frame, [])).toBe(0);
    expect(
      applyPrivacyMasks(frame, [
        [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      ]),
    ).toBe(0);
    expect(frame.data.every((v) => v === 255)).toBe(true);
  });
});
