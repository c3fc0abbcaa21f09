import { describe, expect, it } from 'vitest';
import { unwrapCameraFrame, wrapCameraFrame } from './camera-frame.js';

const jpeg = new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);

describe('camera frame envelope', () => {
  it('carries the camera id in front of the JPEG and gives both back', () => {
    const frame = unwrapCameraFrame(wrapCameraFrame('cam-kasse-2', jpeg));
    expect(frame?.cameraId).toBe('cam-kasse-2');
    expect([...(frame?.jpeg ?? [])]).toEqual([...jpeg]);
  });

  it('takes a bare JPEG as a frame for the first USB camera', () => {
    expect(unwrapCameraFrame(jpeg)).toEqual({ cameraId: null, jpeg });
  });

  it('refuses bytes that are neither an envelope nor a JPEG', () => {
    expect(unwrapCameraFrame(new Uint8Array([1, 2, 3, 4, 5, 6]))).toBeNull();
    expect(unwrapCameraFrame(new Uint8Array([0x4b, 0x43, 0x46, 0x31, 9, 0x61]))).toBeNull();
  });

  it('refuses an empty or oversized camera id', () => {
    expect(() => wrapCameraFrame('', jpeg)).toThrow(RangeError);
    expect(() => wrapCameraFrame('x'.repeat(256), jpeg)).toThrow(RangeError);
  });
});
