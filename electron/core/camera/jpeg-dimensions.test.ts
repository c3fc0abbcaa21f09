import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sampleJpeg } from '../store/testing.js';
import { jpegDimensions } from './jpeg-dimensions.js';

describe('JPEG dimensions from the header', () => {
  it('reads the size of a real photo (past its APP segments)', () => {
    expect(jpegDimensions(sampleJpeg())).toEqual({ width: 250, height: 250 });
  });

  it('reads the size of a progressive JPEG', async () => {
    const jpeg = await sharp({ create: { width: 321, height: 123, channels: 3, background: '#888' } })
      .jpeg({ progressive: true })
      .toBuffer();
    expect(jpegDimensions(jpeg)).toEqual({ width: 321, height: 123 });
  });

  it('gives null for bytes that are not a JPEG header', () => {
    expect(jpegDimensions(Buffer.from('hello world'))).toBeNull();
    expect(jpegDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
    expect(jpegDimensions(sampleJpeg().subarray(0, 30))).toBeNull();
  });
});
