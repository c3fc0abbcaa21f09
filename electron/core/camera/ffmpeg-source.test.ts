import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../logger.js';
import { FfmpegSource } from './ffmpeg-source.js';
import { recordingEvents, waitFor } from './recording-events.js';

const CLIP = path.resolve(import.meta.dirname, '../../../../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ffmpeg-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A stand-in for ffmpeg that speaks its output protocol (MJPEG on stdout, errors on stderr): it sends the first
 * `frames` JPEGs of the shared clip, then prints its arguments (the URL with the password) and exits with 1.
 */
function fakeFfmpeg(frames: number): string {
  const file = path.join(dir, `fake-ffmpeg-${frames}.cjs`);
  fs.writeFileSync(
    file,
    `#!${process.execPath}
const fs = require('node:fs');
const clip = fs.readFileSync(${JSON.stringify(CLIP)});
let at = 0, sent = 0;
const next = () => {
  if (sent >= ${frames}) {
    process.stderr.write('rtsp stream error for ' + process.argv.slice(2).join(' ') + ': Connection reset by peer\\n');
    process.exit(1);
  }
  const end = clip.indexOf(Buffer.from([0xff, 0xd9]), at) + 2;
  process.stdout.write(clip.subarray(at, end));
  at = end; sent++;
  setTimeout(next, 20);
};
next();
`,
  );
  fs.chmodSync(file, 0o755);
  return file;
}

let source: FfmpegSource | null = null;
afterEach(async () => {
  await source?.stop();
  source = null;
});

describe('RTSP cameras through ffmpeg', () => {
  it('delivers the frames ffmpeg writes, and restarts ffmpeg when it exits, without showing the password', async () => {
    const logger = memoryLogger();
    source = new FfmpegSource({
      id: 'rtsp-1',
      url: 'rtsp://admin:s3cret@127.0.0.1:8554/live',
      ffmpegPath: fakeFfmpeg(5),
      backoff: { initialMs: 50, maxMs: 200 },
      logger,
    });
    const events = recordingEvents();
    source.start(events);
    await waitFor('two runs of frames', () => events.frames.length >= 8 && source !== null && source.reconnects >= 1);
    const states = events.states.map((s) => s.state);
    expect(states[0]).toBe('starting');
    expect(states).toContain('running');
    const stalled = events.states.find((s) => s.state === 'stalled');
    expect(stalled?.error).toMatch(/stopped sending \(ffmpeg: .*Connection reset by peer\); retrying in/);
    expect(events.frames[0]?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const everything = JSON.stringify([events.states, logger.lines]);
    expect(everything).not.toContain('s3cret');
    expect(everything).toContain('rtsp://127.0.0.1:8554/live');
  });

  it('says ffmpeg is missing and how to install it', async () => {
    source = new FfmpegSource({
      id: 'rtsp-2',
      url: 'rtsp://127.0.0.1:8554/live',
      ffmpegPath: path.join(dir, 'no-such-ffmpeg'),
      backoff: { initialMs: 5000, maxMs: 5000 },
      logger: memoryLogger(),
    });
    const events = recordingEvents();
    source.start(events);
    await waitFor('error', () => events.last?.state === 'error');
    expect(events.last?.error).toMatch(/need ffmpeg, and it is not installed.*apt install ffmpeg.*retrying in/);
  });

  it('reports a camera the real ffmpeg cannot reach as an error, and keeps retrying', async () => {
    source = new FfmpegSource({
      id: 'rtsp-3',
      url: 'rtsp://user:pw@127.0.0.1:9/nothing',
      backoff: { initialMs: 50, maxMs: 100 },
      logger: memoryLogger(),
    });
    const events = recordingEvents();
    source.start(events);
    await waitFor('a retry after an error', () => (source?.reconnects ?? 0) >= 1, 15_000);
    const error = events.states.find((s) => s.state === 'error');
    expect(error?.error).toMatch(/could not be opened \(ffmpeg: .*\)\. Check the address/);
    expect(error?.error).not.toContain('pw@');
  });
});
