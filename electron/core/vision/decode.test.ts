import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropToJpeg, decodeJpeg, encodeJpeg, ImageDecodeError, padFrame } from './decode.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const faces = path.resolve(repoRoot, '../shared/data/faces');
const lfwPhoto = path.join(faces, 'identities/lfw/Tony_Blair/Tony_Blair_0001.jpg');
const greyPng = path.join(faces, 'identities/bbt/amy/amy1.png');

describe('decodeJpeg', () => {
  it('decodes a JPEG to tightly packed RGB', async () => {
    const frame = await decodeJpeg(await readFile(lfwPhoto));
    expect(frame.width).toBe(250);
    expect(frame.height).toBe(250);
    expect(frame.data.length).toBe(250 * 250 * 3);
  });

  it('expands a grey PNG to three channels', async () => {
    const frame = await decodeJpeg(await readFile(greyPng));
    expect([frame.width, frame.height]).toEqual([150, 150]);
    expect(frame.data.length).toBe(150 * 150 * 3);
    expect(frame.data[0]).toBe(frame.data[1]);
    expect(frame.data[1]).toBe(frame.data[2]);
  });

  it('shrinks to maxWidth keeping the aspect, and never enlarges', async () => {
    const bytes = await readFile(path.join(faces, 'edge-cases/examples/two_people.jpg'));
    const small = await decodeJpeg(bytes, { maxWidth: 563 });
    expect(small.width).toBe(563);
    expect(small.height).toBeCloseTo(661 / 2, -1);
    expect((await decodeJpeg(await readFile(lfwPhoto), { maxWidth: 640 })).width).toBe(250);
  });

  it('throws ImageDecodeError with a sentence for bytes that are not an image', async () => {
    const error = await decodeJpeg(Buffer.from('this is not a jpeg at all')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect((error as Error).message).toMatch(/^The camera sent a frame that is not a valid image \(.+\)\.$/);
  });

  it('throws ImageDecodeError for a truncated JPEG', async () => {
    const bytes = await readFile(lfwPhoto);
    await expect(decodeJpeg(bytes.subarray(0, Math.floor(bytes.length / 2)))).rejects.toBeInstanceOf(ImageDecodeError);
  });

  it('throws ImageDecodeError for empty input', async () => {
    await expect(decodeJpeg(new Uint8Array(0))).rejects.toBeInstanceOf(ImageDecodeError);
  });
});

describe('encodeJpeg and cropToJpeg', () => {
  it('encodes a frame that decodes back to the same size', async () => {
    const frame = await decodeJpeg(await readFile(lfwPhoto));
    const again = await decodeJpeg(await encodeJpeg(frame, 80));
    expect([again.width, again.height]).toEqual([250, 250]);
  });

  it('cuts a square thumbnail of the requested size, grey where it passes the edge', async () => {
    const frame = await decodeJpeg(await readFile(lfwPhoto));
    const inside = await sharp(await cropToJpeg(frame, { x: 80, y: 80, width: 90, height: 100 }, 96)).metadata();
    expect([inside.width, inside.height, inside.format]).toEqual([96, 96, 'jpeg']);
    const atEdge = await decodeJpeg(await cropToJpeg(frame, { x: 0, y: 0, width: 60, height: 60 }, 64));
    expect([atEdge.width, atEdge.height]).toEqual([64, 64]);
    // Top-left pixel lies outside the photo: mid-grey padding (JPEG may shift it slightly).
    expect(Math.abs((atEdge.data[0] ?? 0) - 128)).toBeLessThan(8);
  });
});

describe('padFrame', () => {
  it('adds a grey border and keeps the pixels in the middle', () => {
    const frame = { width: 2, height: 1, data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    const padded = padFrame(frame, 1, 100);
    expect([padded.width, padded.height]).toEqual([4, 3]);
    expect(Array.from(padded.data.subarray(0, 3))).toEqual([100, 100, 100]);
    expect(Array.from(padded.data.subarray((1 * 4 + 1) * 3, (1 * 4 + 3) * 3))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(padded.data[padded.data.length - 1]).toBe(100);
  });
});
