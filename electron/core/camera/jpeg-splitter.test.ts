import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JpegSplitter, splitJpegs, type JpegDropReason } from './jpeg-splitter.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const videoPath = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');
const video = readFileSync(videoPath);

interface Run {
  frames: Buffer[];
  drops: { reason: JpegDropReason; bytes: number }[];
  splitter: JpegSplitter;
}

function splitter(maxFrameBytes?: number): Run {
  const run: Run = {
    frames: [],
    drops: [],
    splitter: new JpegSplitter({
      maxFrameBytes,
      onFrame: (f) => run.frames.push(f),
      onDropped: (reason, bytes) => run.drops.push({ reason, bytes }),
    }),
  };
  return run;
}

function feed(data: Buffer, cuts: readonly number[], maxFrameBytes?: number): Run {
  const run = splitter(maxFrameBytes);
  let from = 0;
  for (const cut of [...cuts, data.length]) {
    run.splitter.push(data.subarray(from, cut));
    from = cut;
  }
  return run;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Length of a real frame's header part: SOI through the end of the SOS segment. */
function headerLength(jpeg: Buffer): number {
  let i = 2;
  for (;;) {
    const marker = jpeg[i + 1] as number;
    const length = jpeg.readUInt16BE(i + 2);
    i += 2 + length;
    if (marker === 0xda) return i;
  }
}

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

const realFrames = splitJpegs(video);
const first = realFrames[0] as Buffer;
const second = realFrames[1] as Buffer;

/**
 * A small frame with a real header and hand-made entropy data holding every escape the splitter
 * must step over: stuffed FF 00, restart markers, fill bytes before EOI.
 */
function miniFrame(tag: number): Buffer {
  const entropy = Buffer.from([tag, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00, 0xff, 0xd7, 0x78, tag]);
  return Buffer.concat([first.subarray(0, headerLength(first)), entropy, Buffer.from([0xff, 0xff, 0xd9])]);
}

/** A frame whose APP1 (EXIF) segment holds a whole thumbnail JPEG with its own SOI and EOI. */
function frameWithThumbnail(outer: Buffer, thumbnail: Buffer): Buffer {
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0MM\0*\0\0\0\x08', 'latin1'), thumbnail]));
  return Buffer.concat([outer.subarray(0, 2), exif, outer.subarray(2)]);
}

function part(jpeg: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`),
    jpeg,
    Buffer.from('\r\n'),
  ]);
}

describe('JpegSplitter', () => {
  it('finds every frame of the sample video, 126 of them, back to back', () => {
    expect(realFrames).toHaveLength(126);
    for (const frame of realFrames) {
      expect(frame[0]).toBe(0xff);
      expect(frame[1]).toBe(0xd8);
      expect(frame[frame.length - 2]).toBe(0xff);
      expect(frame[frame.length - 1]).toBe(0xd9);
    }
    expect(Buffer.concat(realFrames).equals(video)).toBe(true);
  });

  it('gives the same frames for the whole video fed in random chunk sizes', () => {
    const random = prng(7);
    const cuts: number[] = [];
    for (let at = 0; at < video.length; at += 1 + Math.floor(random() * 9000)) cuts.push(at);
    const run = feed(video, cuts);
    expect(run.frames).toHaveLength(126);
    run.frames.forEach((frame, i) => expect(frame.equals(realFrames[i] as Buffer)).toBe(true));
    expect(run.drops).toEqual([]);
  });

  it('gives the same frames when fed one byte at a time', () => {
    const data = Buffer.concat([first, second]);
    const run = splitter();
    for (let i = 0; i < data.length; i++) run.splitter.push(data.subarray(i, i + 1));
    expect(run.frames).toHaveLength(2);
    expect(run.frames[0]?.equals(first)).toBe(true);
    expect(run.frames[1]?.equals(second)).toBe(true);
  });

  it('skips multipart boundaries, part headers and garbage between frames', () => {
    const garbage = Buffer.from([0x00, 0xff, 0xff, 0x13, 0xff, 0xd9, 0xff, 0x00, 0xd8, 0x41]);
    const data = Buffer.concat([garbage, part(first), garbage, Buffer.from('noise'), part(second), garbage]);
    const run = feed(data, []);
    expect(run.frames.map((f) => f.length)).toEqual([first.length, second.length]);
    expect(run.frames[0]?.equals(first)).toBe(true);
    expect(run.frames[1]?.equals(second)).toBe(true);
    expect(run.drops).toEqual([]);
    expect(run.splitter.bytesSkipped).toBe(data.length - first.length - second.length);
  });

  it('splits a stream cut in two at every possible position the same way', () => {
    const a = miniFrame(0x11);
    const b = frameWithThumbnail(miniFrame(0x22), miniFrame(0x33));
    const c = miniFrame(0x44);
    const data = Buffer.concat([Buffer.from([0xff, 0xff, 0x01]), part(a), Buffer.from('xx\xff', 'latin1'), part(b), c]);
    for (let cut = 0; cut <= data.length; cut++) {
      const run = feed(data, [cut]);
      expect(run.frames, `cut at ${cut}`).toHaveLength(3);
      expect(run.frames[0]?.equals(a), `cut at ${cut}`).toBe(true);
      expect(run.frames[1]?.equals(b), `cut at ${cut}`).toBe(true);
      expect(run.frames[2]?.equals(c), `cut at ${cut}`).toBe(true);
      expect(run.drops, `cut at ${cut}`).toEqual([]);
    }
  });

  it('keeps a frame with an EXIF thumbnail whole instead of stopping at the thumbnail end', () => {
    const withThumb = frameWithThumbnail(second, miniFrame(0x55));
    const run = feed(Buffer.concat([withThumb, first]), [100, 5000]);
    expect(run.frames).toHaveLength(2);
    expect(run.frames[0]?.equals(withThumb)).toBe(true);
    expect(run.frames[1]?.equals(first)).toBe(true);
  });

  it('keeps a progressive frame with several scans whole', () => {
    const header = first.subarray(0, headerLength(first));
    const dht = segment(0xc4, Buffer.from([0x10, ...new Array<number>(16).fill(0)]));
    const sos = segment(0xda, Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]));
    const progressive = Buffer.concat([
      header,
      Buffer.from([0x01, 0xff, 0x00]),
      dht,
      sos,
      Buffer.from([0x02, 0xff, 0xd9]),
    ]);
    const run = feed(Buffer.concat([progressive, first]), []);
    expect(run.frames).toHaveLength(2);
    expect(run.frames[0]?.equals(progressive)).toBe(true);
  });

  it('drops a frame cut short by the start of the next one and keeps the next', () => {
    const truncated = second.subarray(0, 20_000);
    const next = part(first);
    const run = feed(Buffer.concat([truncated, next]), [7000]);
    expect(run.frames).toHaveLength(1);
    expect(run.frames[0]?.equals(first)).toBe(true);
    // The part header of the next frame is indistinguishable from entropy data, so it counts too.
    const partHeader = next.indexOf(first.subarray(0, 4));
    expect(run.drops).toEqual([{ reason: 'truncated', bytes: truncated.length + partHeader }]);
  });

  it('drops a frame cut short inside its header and keeps the next one its segment swallowed', () => {
    // Cut inside a table segment: its length runs on into the next frame, the structure breaks
    // there, and the rescan from just after the broken frame's SOI finds the next frame.
    const truncated = second.subarray(0, 300);
    const run = feed(Buffer.concat([truncated, first]), []);
    expect(run.frames.map((f) => f.equals(first))).toEqual([true]);
    expect(run.drops.map((d) => d.reason)).toEqual(['corrupt']);
  });

  it('reports a partial frame as truncated on reset and starts clean afterwards', () => {
    const run = splitter();
    run.splitter.push(second.subarray(0, 10_000));
    expect(run.splitter.pendingBytes).toBe(10_000);
    run.splitter.reset();
    expect(run.drops).toEqual([{ reason: 'truncated', bytes: 10_000 }]);
    run.splitter.push(second.subarray(10_000));
    run.splitter.push(first);
    expect(run.frames.map((f) => f.equals(first))).toEqual([true]);
  });

  it('drops a frame over the size limit, reports it, and resyncs on the next frame', () => {
    const small = miniFrame(0x66);
    const run = feed(Buffer.concat([small, second, small]), [1000, 30_000], 10_000);
    expect(run.frames).toHaveLength(2);
    expect(run.frames.every((f) => f.equals(small))).toBe(true);
    expect(run.drops).toHaveLength(1);
    expect(run.drops[0]?.reason).toBe('too-large');
    expect(run.drops[0]?.bytes).toBeGreaterThan(10_000);
  });

  it('recovers the frames swallowed by a false SOI with a bogus segment length', () => {
    const falseStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xf0, 0x55]);
    const data = Buffer.concat([falseStart, part(first), part(second), realFrames[2] as Buffer]);
    const run = feed(data, [3, 40_000]);
    expect(run.frames.map((f) => f.length)).toEqual([first.length, second.length, (realFrames[2] as Buffer).length]);
    expect(run.drops.map((d) => d.reason)).toEqual(['corrupt']);
  });

  it('hands out copies, so the caller may reuse its chunk buffers', () => {
    const chunk = Buffer.from(first);
    const run = splitter();
    run.splitter.push(chunk.subarray(0, 1000));
    run.splitter.push(chunk.subarray(1000));
    chunk.fill(0);
    expect(run.frames[0]?.equals(first)).toBe(true);
  });
});
