import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startMjpegServer, type MjpegServer } from '../../../e2e/support/mjpeg-server.js';
import { memoryLogger } from '../logger.js';
import { splitJpegs } from './jpeg-splitter.js';
import { MjpegHttpSource, type MjpegHttpSourceOptions } from './mjpeg-http-source.js';
import { recordingEvents, waitFor, type RecordingEvents } from './recording-events.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const videoPath = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');
/** Every 12th frame: distinct pictures (the 30 fps file repeats some of its 25 fps frames). */
const frames = splitJpegs(readFileSync(videoPath)).filter((_, i) => i % 12 === 0);

const servers: MjpegServer[] = [];
const sources: MjpegHttpSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.stop()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function server(fps = 30): Promise<MjpegServer> {
  const started = await startMjpegServer({ fps, frames });
  servers.push(started);
  return started;
}

function source(
  url: string,
  options: Partial<MjpegHttpSourceOptions> = {},
): { source: MjpegHttpSource; logger: ReturnType<typeof memoryLogger> } {
  const logger = memoryLogger();
  const created = new MjpegHttpSource({
    id: 'test-camera',
    url,
    fps: 20,
    stallTimeoutMs: 800,
    backoff: { initialMs: 50, maxMs: 300 },
    logger,
    ...options,
  });
  sources.push(created);
  return { source: created, logger };
}

/** Which of the served frames each received frame is (-1 when it is none of them). */
function indexes(events: RecordingEvents): number[] {
  return events.frames.map((f) => frames.findIndex((g) => g.equals(f)));
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('MjpegHttpSource', () => {
  it('uses distinct test frames', () => {
    expect(frames.length).toBe(11);
    expect(new Set(frames.map((f) => f.toString('base64'))).size).toBe(frames.length);
  });

  it('receives the frames of an MJPEG stream in order and reports running', async () => {
    const camera = await server();
    const events = recordingEvents();
    source(camera.url).source.start(events);
    await waitFor('five frames', () => events.frames.length >= 5);
    expect(indexes(events).slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(events.states).toEqual([
      { state: 'starting', error: null },
      { state: 'running', error: null },
    ]);
  });

  it('reports a killed camera clearly and recovers when it is back, without being recreated', async () => {
    const camera = await server();
    const events = recordingEvents();
    const { source: stream } = source(camera.url);
    stream.start(events);
    await waitFor('frames', () => events.frames.length >= 3);

    await camera.kill();
    await waitFor('a state that is not running', () => events.last?.state !== 'running');
    const down = events.last;
    expect(down?.state).toBe('stalled');
    expect(down?.error).toMatch(
      new RegExp(
        `^The camera at http://127\\.0\\.0\\.1:${camera.port}/stream\\.mjpeg closed the stream; retrying in [0-9.]+ s\\.$`,
      ),
    );
    await waitFor('a refused reconnect', () =>
      events.states.some((s) => s.error?.includes('does not answer (ECONNREFUSED)') ?? false),
    );

    const before = events.frames.length;
    await camera.restart();
    await waitFor('frames again', () => events.frames.length >= before + 3 && events.last?.state === 'running', 5000);
    expect(stream.reconnects).toBeGreaterThanOrEqual(2);
  });

  it('detects a stream that stalls mid-frame, then reconnects and runs again', async () => {
    const camera = await server();
    const events = recordingEvents();
    const { source: stream } = source(camera.url);
    stream.start(events);
    await waitFor('frames', () => events.frames.length >= 2);

    camera.stallNextFrame();
    await waitFor('a stall', () => events.last?.state === 'stalled', 3000);
    expect(events.last?.error).toMatch(
      /^The camera at http:\/\/127\.0\.0\.1:\d+\/stream\.mjpeg sent no picture for 0\.8 s; retrying in [0-9.]+ s\.$/,
    );
    expect(indexes(events).every((i) => i >= 0)).toBe(true);

    await waitFor('running again', () => events.last?.state === 'running', 3000);
    expect(stream.reconnects).toBe(1);
  });

  it('skips garbage bytes in the stream without losing a frame', async () => {
    const camera = await server();
    const events = recordingEvents();
    source(camera.url).source.start(events);
    await waitFor('frames', () => events.frames.length >= 2);

    camera.sendGarbage();
    const before = events.frames.length;
    await waitFor('frames after the garbage', () => events.frames.length >= before + 6);
    const seen = indexes(events);
    expect(seen.every((i) => i >= 0)).toBe(true);
    seen.forEach((index, i) => expect(index, `frame ${i}`).toBe(i % frames.length));
    expect(events.states.map((s) => s.state)).toEqual(['starting', 'running']);
  });

  it('reports a wrong content type as an error with a clear message, and keeps retrying', async () => {
    const camera = await server();
    camera.setContentType('text/html; charset=utf-8');
    const events = recordingEvents();
    const { source: stream } = source(camera.url);
    stream.start(events);
    await waitFor('an error', () => events.last?.state === 'error');
    expect(events.last?.error).toMatch(
      /^The camera at http:\/\/127\.0\.0\.1:\d+\/stream\.mjpeg sent text\/html instead of an MJPEG stream or a JPEG image\. Check the camera address; retrying in [0-9.]+ s\.$/,
    );
    await waitFor('retries', () => camera.requests >= 3);

    camera.setContentType('multipart/x-mixed-replace; boundary=mjpegframe');
    await waitFor('running once the stream is right', () => events.last?.state === 'running', 3000);
    expect(stream.reconnects).toBeGreaterThanOrEqual(2);
  });

  it('reports an address where nothing listens as an error and keeps retrying with backoff', async () => {
    const port = await freePort();
    const events = recordingEvents();
    const { source: stream, logger } = source(`http://127.0.0.1:${port}/video`, {
      backoff: { initialMs: 40, maxMs: 160 },
      random: () => 0.5,
    });
    stream.start(events);
    await waitFor('four failures', () => stream.reconnects >= 4);
    const errors = events.states.filter((s) => s.state === 'error').map((s) => s.error);
    expect(errors[0]).toBe(
      `The camera at http://127.0.0.1:${port}/video does not answer (ECONNREFUSED). Check that it is powered and on the network; retrying in 0.04 s.`,
    );
    // A repeated sentence is reported once; the log has every attempt.
    expect(errors.slice(0, 3).map((e) => /retrying in ([0-9.]+) s/.exec(e ?? '')?.[1])).toEqual([
      '0.04',
      '0.08',
      '0.2',
    ]);
    const delays = logger.lines
      .filter((l) => l.message === 'camera connection failed')
      .map((l) => l.fields?.['delayMs']);
    expect(delays.slice(0, 4)).toEqual([40, 80, 160, 160]);
    expect(stream.reconnects).toBeGreaterThanOrEqual(3);

    await stream.stop();
    const count = events.states.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.states.length).toBe(count);
    expect(events.last).toEqual({ state: 'stopped', error: null });
  });

  it('never shows the password of a camera URL', async () => {
    const port = await freePort();
    const events = recordingEvents();
    const { source: stream, logger } = source(`http://admin:s3cret@127.0.0.1:${port}/video`);
    stream.start(events);
    await waitFor('an error', () => events.last?.state === 'error');
    await stream.stop();
    expect(events.last?.error ?? '').not.toContain('s3cret');
    expect(events.states.some((s) => s.error?.includes(`http://127.0.0.1:${port}/video`) ?? false)).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toContain('s3cret');
    expect(JSON.stringify(events.states)).not.toContain('s3cret');
  });

  it('polls a snapshot URL that answers one JPEG per request', async () => {
    const camera = await server();
    camera.setContentType('image/jpeg');
    const events = recordingEvents();
    source(camera.url, { fps: 50 }).source.start(events);
    await waitFor('four snapshots', () => events.frames.length >= 4);
    expect(indexes(events).slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(camera.requests).toBeGreaterThanOrEqual(4);
    expect(events.states.map((s) => s.state)).toEqual(['starting', 'running']);
  });

  it('reports an HTTP error status with the status in the sentence', async () => {
    const camera = await server();
    camera.setFrames([]);
    camera.setContentType('image/jpeg');
    const events = recordingEvents();
    source(camera.url).source.start(events);
    await waitFor('an error', () => events.last?.state === 'error');
    expect(events.last?.error).toMatch(
      /answered HTTP 503 \(Service Unavailable\)\. Check the camera address; retrying in/,
    );
  });
});
