import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger.js';
import { decodeJpeg } from '../vision/decode.js';
import { recordingEvents, waitFor } from './recording-events.js';
import { Y4mFileSource } from './y4m-file-source.js';
import { parseY4m, yuv420ToRgb } from './y4m.js';

const CLIP = path.resolve(import.meta.dirname, '../../../../shared/data/video/walk_toward_camera_640x360_15fps.y4m');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-y4m-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A tiny 4:2:0 clip of flat colours, written by hand. */
function writeClip(name: string, header: string, frames: readonly [number, number, number][]): string {
  const w = 4;
  const h = 2;
  const parts = [Buffer.from(`YUV4MPEG2 W${w} H${h} ${header}\n`)];
  for (const [y, u, v] of frames) {
    parts.push(Buffer.from('FRAME\n'), Buffer.alloc(w * h, y), Buffer.alloc(2, u), Buffer.alloc(2, v));
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat(parts));
  return file;
}

describe('y4m files', () => {
  it('reads the header and every frame of the shared 640x360 clip', () => {
    const { header, frames } = parseY4m(fs.readFileSync(CLIP));
    expect(header).toMatchObject({ width: 640, height: 360, fps: 15 });
    expect(frames).toHaveLength(63);
  });

  it('turns 4:2:0 into the right colours (studio-range grey and red)', () => {
    const header = { width: 2, height: 2, fps: 1, fullRange: false };
    const grey = yuv420ToRgb(new Uint8Array([126, 126, 126, 126, 128, 128]), header);
    expect([...grey.data.subarray(0, 3)]).toEqual([128, 128, 128]);
    const red = yuv420ToRgb(new Uint8Array([81, 81, 81, 81, 90, 240]), header);
    const [r, g, b] = red.data;
    expect(r).toBeGreaterThan(240);
    expect(g).toBeLessThan(15);
    expect(b).toBeLessThan(15);
  });

  it('refuses a 4:4:4 clip with a sentence saying how to convert it', () => {
    expect(() => parseY4m(Buffer.from('YUV4MPEG2 W4 H2 F1:1 C444\nFRAME\n'))).toThrow(/only 4:2:0.*ffmpeg/);
    expect(() => parseY4m(Buffer.from('GIF89a'))).toThrow(/not a .y4m video/);
  });

  it('plays a clip in a loop as JPEGs at the header rate', async () => {
    const file = writeClip('loop.y4m', 'F50:1 C420jpeg', [
      [81, 90, 240],
      [145, 54, 34],
    ]);
    const source = new Y4mFileSource({ id: 'clip', path: file, logger: memoryLogger() });
    const events = recordingEvents();
    source.start(events);
    await waitFor('five frames', () => events.frames.length >= 5);
    await source.stop();
    expect(events.states.map((s) => s.state)).toEqual(['starting', 'running', 'stopped']);
    const first = await decodeJpeg(events.frames[0] as Buffer);
    const third = await decodeJpeg(events.frames[2] as Buffer);
    expect(first.width).toBe(4);
    expect(first.data[0]).toBeGreaterThan(200); // red, then green, then red again
    expect(third.data[0]).toBeGreaterThan(200);
    expect((await sharp(events.frames[1] as Buffer).stats()).channels[1]?.mean).toBeGreaterThan(150);
  });

  it('reports a missing or unusable file as an error state, never a crash', async () => {
    const events = recordingEvents();
    const source = new Y4mFileSource({ id: 'x', path: path.join(dir, 'missing.y4m'), logger: memoryLogger() });
    source.start(events);
    await waitFor('error', () => events.last?.state === 'error');
    expect(events.last?.error).toMatch(/No camera file/);
    await source.stop();
  });
});
