import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger.js';
import { splitJpegs } from './jpeg-splitter.js';
import { MjpegFileSource } from './mjpeg-file-source.js';
import { recordingEvents, waitFor } from './recording-events.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const videoPath = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');
const videoFrames = splitJpegs(readFileSync(videoPath));

const sources: MjpegFileSource[] = [];
const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function source(options: { path: string; fps?: number; maxFileBytes?: number }): MjpegFileSource {
  const created = new MjpegFileSource({ id: 'file:test', logger: memoryLogger(), ...options });
  sources.push(created);
  return created;
}

describe('MjpegFileSource', () => {
  it('plays every frame of the file and then loops back to the first', async () => {
    const events = recordingEvents();
    source({ path: videoPath, fps: 1000 }).start(events);
    await waitFor('a full loop and a bit', () => events.frames.length >= videoFrames.length + 3);
    for (let i = 0; i < videoFrames.length + 3; i++) {
      expect(events.frames[i]?.equals(videoFrames[i % videoFrames.length] as Buffer), `frame ${i}`).toBe(true);
    }
    expect(events.states.slice(0, 2)).toEqual([
      { state: 'starting', error: null },
      { state: 'running', error: null },
    ]);
  });

  it('hands each receiver its own copy of a frame', async () => {
    const events = recordingEvents();
    source({ path: videoPath, fps: 1000 }).start(events);
    await waitFor('one frame', () => events.frames.length >= 1);
    events.frames[0]?.fill(0);
    await waitFor('the loop to come round', () => events.frames.length >= videoFrames.length + 1);
    expect(events.frames[videoFrames.length]?.equals(videoFrames[0] as Buffer)).toBe(true);
  });

  it('sends nothing more once stopped', async () => {
    const events = recordingEvents();
    const played = source({ path: videoPath, fps: 200 });
    played.start(events);
    await waitFor('a few frames', () => events.frames.length >= 3);
    await played.stop();
    const count = events.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.frames.length).toBe(count);
    expect(events.last).toEqual({ state: 'stopped', error: null });
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const events = recordingEvents();
    source({ path: videoPath, maxFileBytes: 1024 * 1024 }).start(events);
    await waitFor('an error', () => events.last?.state === 'error');
    expect(events.last?.error).toBe(
      `The camera file ${videoPath} is 5.9 MB, more than the 1.0 MB a looping file may have (it is kept in memory). Use a shorter clip.`,
    );
    expect(events.frames).toHaveLength(0);
  });

  it('says so when the file holds no JPEG frame', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-camera-'));
    tempDirs.push(dir);
    const empty = path.join(dir, 'empty.mjpeg');
    writeFileSync(empty, 'not a video');
    const events = recordingEvents();
    source({ path: empty }).start(events);
    await waitFor('an error', () => events.last?.state === 'error');
    expect(events.last?.error).toBe(`The camera file ${empty} holds no complete JPEG frame.`);
  });

  it('says so when the file has gone', async () => {
    const events = recordingEvents();
    source({ path: '/nonexistent/clip.mjpeg' }).start(events);
    await waitFor('an error', () => events.last?.state === 'error');
    expect(events.last?.error).toBe('No camera file at /nonexistent/clip.mjpeg');
  });
});
