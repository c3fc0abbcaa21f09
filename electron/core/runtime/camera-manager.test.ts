/**
 * The store's cameras with the real face engine, a real SQLite file and a local MJPEG server streaming the shared
 * video: ten cameras analysed fairly, every fault the field complains about turning into a clear state and a
 * recovery, privacy masks that hide a face from analysis and from the preview, and USB frames routed by camera.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMjpegServer, type MjpegServer } from '../../../e2e/support/mjpeg-server.js';
import { WALK_CLIP, lfwPhoto } from '../../../e2e/support/paths.js';
import { emptyEntrance, personInFrame } from '../../../e2e/support/scene-frames.js';
import type { CameraInput, CameraPreview, CameraStatus } from '../../contract/dto.js';
import { wrapCameraFrame } from '../../contract/camera-frame.js';
import { waitFor } from '../camera/recording-events.js';
import { splitJpegs } from '../camera/jpeg-splitter.js';
import { rectangleMask } from '../camera/privacy-mask.js';
import { systemClock } from '../clock.js';
import { EventHub } from '../event-hub.js';
import { memoryLogger } from '../logger.js';
import { Gallery } from '../matching/gallery.js';
import { matchRuleFor } from '../matching/thresholds.js';
import { RecognitionPipeline } from '../recognition/recognition-pipeline.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { createHumanEngine } from '../vision/human-engine.js';
import { DEFAULT_QUALITY } from '../vision/quality-gate.js';
import type { FaceEngine } from '../vision/types.js';
import { CameraManager } from './camera-manager.js';

let engine: FaceEngine;
let pipeline: RecognitionPipeline;
let walk: Buffer[];
let person: Buffer;

beforeAll(async () => {
  engine = await createHumanEngine({ logger: memoryLogger() });
  pipeline = new RecognitionPipeline({
    engine,
    gallery: new Gallery(engine.embeddingSize),
    clock: systemClock,
    match: matchRuleFor(engine.modelId),
    quality: DEFAULT_QUALITY,
    onFaceSeen: () => undefined,
    onRecognised: () => undefined,
  });
  walk = splitJpegs(fs.readFileSync(WALK_CLIP)).filter((_, i) => i % 6 === 0);
  person = await personInFrame(lfwPhoto('Colin_Powell', 1));
}, 180_000);

afterAll(async () => {
  await engine?.close();
});

interface Setup {
  readonly store: TestStore;
  readonly manager: CameraManager;
  readonly events: { event: string; payload: unknown }[];
  readonly logger: ReturnType<typeof memoryLogger>;
  readonly servers: MjpegServer[];
}

let current: Setup | null = null;

afterEach(async () => {
  if (current === null) return;
  await current.manager.close();
  await Promise.all(current.servers.map((s) => s.stop()));
  current.store.close();
  current = null;
});

async function setUp(options: { ffmpegPath?: string } = {}): Promise<Setup> {
  const store = openTestStore();
  const logger = memoryLogger();
  const hub = new EventHub(logger);
  const events: { event: string; payload: unknown }[] = [];
  hub.on((event, payload) => events.push({ event, payload }));
  const manager = new CameraManager({
    db: store.db,
    clock: systemClock,
    events: hub,
    logger,
    source: { stallTimeoutMs: 1000, backoff: { initialMs: 100, maxMs: 400 }, ffmpegPath: options.ffmpegPath },
    runner: { previewFps: 50 },
  });
  current = { store, manager, events, logger, servers: [] };
  await manager.start(pipeline);
  return current;
}

function camera(name: string, source: string, extra: Partial<CameraInput> = {}): CameraInput {
  return {
    name,
    role: 'entrance',
    source,
    samplingFps: 10,
    hours: null,
    enabled: true,
    masks: [],
    usb: null,
    ...extra,
  };
}

async function server(setup: Setup, frames: readonly Buffer[], fps = 10): Promise<MjpegServer> {
  const started = await startMjpegServer({ frames, fps });
  setup.servers.push(started);
  return started;
}

function statusOf(setup: Setup, id: string): CameraStatus {
  const found = setup.manager.health().find((s) => s.cameraId === id);
  if (!found) throw new Error(`no status for ${id}`);
  return found;
}

async function analysedMore(setup: Setup, id: string, than: number): Promise<void> {
  await waitFor(`${id} analysing again`, () => statusOf(setup, id).framesAnalysed > than, 20_000);
}

describe('cameras at store scale', () => {
  it('analyses ten cameras at once, fairly: every camera gets its turns', async () => {
    const setup = await setUp();
    const shared = await server(setup, walk, 10);
    const ids: string[] = [];
    for (let i = 1; i <= 10; i++) ids.push((await setup.manager.save(camera(`Camera ${i}`, shared.url))).id);
    // Cameras added first started first; fairness is measured once all of them run.
    await waitFor('every camera analysed', () => ids.every((id) => statusOf(setup, id).framesAnalysed >= 1), 60_000);
    const base = ids.map((id) => statusOf(setup, id).framesAnalysed);
    const turns = () => ids.map((id, i) => statusOf(setup, id).framesAnalysed - (base[i] ?? 0));
    await waitFor('every camera analysed 3 more frames', () => turns().every((n) => n >= 3), 90_000);
    const analysed = turns();
    // Round-robin: nobody gets more than a turn or two ahead of anybody else.
    expect(Math.max(...analysed) - Math.min(...analysed)).toBeLessThanOrEqual(2);
    for (const id of ids) {
      const status = statusOf(setup, id);
      expect(status.state).toBe('running');
      expect(status.framesDropped).toBeGreaterThan(0); // the newest frame wins; the rest are counted
      expect(status.p95LatencyMs).not.toBeNull();
    }
  });

  it('recovers when the camera server is killed and restarted', async () => {
    const setup = await setUp();
    const cam = await server(setup, walk);
    const { id } = await setup.manager.save(camera('Door', cam.url));
    await analysedMore(setup, id, 0);
    await cam.kill();
    await waitFor('a failure state', () => ['stalled', 'error'].includes(statusOf(setup, id).state), 10_000);
    expect(statusOf(setup, id).lastError).toMatch(/closed the stream|does not answer/);
    await cam.restart();
    await waitFor('running again', () => statusOf(setup, id).state === 'running', 15_000);
    const before = statusOf(setup, id).framesAnalysed;
    await analysedMore(setup, id, before);
    expect(statusOf(setup, id).reconnects).toBeGreaterThan(0);
  });

  it('notices a stream that stalls mid-frame, reconnects, and analyses again', async () => {
    const setup = await setUp();
    const cam = await server(setup, walk);
    const { id } = await setup.manager.save(camera('Door', cam.url));
    await analysedMore(setup, id, 0);
    cam.stallNextFrame();
    await waitFor('stalled', () => statusOf(setup, id).state === 'stalled', 10_000);
    expect(statusOf(setup, id).lastError).toMatch(/sent no picture for 1 s; retrying in/);
    await waitFor('running again', () => statusOf(setup, id).state === 'running', 15_000);
    await analysedMore(setup, id, statusOf(setup, id).framesAnalysed);
  });

  it('skips garbage bytes between frames and keeps analysing', async () => {
    const setup = await setUp();
    const cam = await server(setup, walk);
    const { id } = await setup.manager.save(camera('Door', cam.url));
    await analysedMore(setup, id, 0);
    cam.sendGarbage();
    await analysedMore(setup, id, statusOf(setup, id).framesAnalysed + 2);
    expect(statusOf(setup, id)).toMatchObject({ state: 'running', reconnects: 0 });
  });

  it('counts a truncated JPEG as refused, says so after several, and recovers with good frames', async () => {
    const setup = await setUp();
    const { id } = await setup.manager.save(camera('Desk USB', 'usb'));
    const good = await emptyEntrance();
    // A capture window that sent half a frame: the decoder must refuse it rather than analyse a half-grey picture.
    const frame = walk[3] as Buffer;
    const truncated = frame.subarray(0, Math.floor(frame.length / 2));
    for (let i = 0; i < 6 && statusOf(setup, id).framesRejected < 3; i++) {
      setup.manager.push(wrapCameraFrame(id, truncated));
      await waitFor('refused', () => statusOf(setup, id).framesRejected > i, 5000);
    }
    expect(statusOf(setup, id).state).toBe('error');
    expect(statusOf(setup, id).lastError).toMatch(/not a valid image/);
    await waitFor(
      'running again',
      () => {
        setup.manager.push(wrapCameraFrame(id, good));
        return statusOf(setup, id).state === 'running' && statusOf(setup, id).framesAnalysed > 0;
      },
      10_000,
    );
  });

  it('refuses a 40-megapixel frame before decoding it, with a sentence, and goes on', async () => {
    const setup = await setUp();
    const { id } = await setup.manager.save(camera('Desk USB', 'usb'));
    const huge = await sharp({ create: { width: 7744, height: 5184, channels: 3, background: '#555' } })
      .jpeg({ quality: 50 })
      .toBuffer();
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 3; i++) {
      setup.manager.push(wrapCameraFrame(id, huge));
      await waitFor('refused', () => statusOf(setup, id).framesRejected > i, 5000);
    }
    const status = statusOf(setup, id);
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(/7744×5184 pictures \(40\.1 megapixels\).*lower resolution/);
    // Refused from the header: decoding would have cost 120 MB of RGB per frame.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 2 ** 20);
    const good = await emptyEntrance();
    await waitFor(
      'running again',
      () => {
        setup.manager.push(wrapCameraFrame(id, good));
        return statusOf(setup, id).state === 'running';
      },
      10_000,
    );
  });

  it('says so when the camera answers with a web page instead of video, and recovers when it streams', async () => {
    const setup = await setUp();
    const cam = await server(setup, walk);
    cam.setContentType('text/html');
    const { id } = await setup.manager.save(camera('Door', cam.url));
    await waitFor('error', () => statusOf(setup, id).state === 'error', 10_000);
    expect(statusOf(setup, id).lastError).toMatch(/sent text\/html instead of an MJPEG stream/);
    cam.setContentType('multipart/x-mixed-replace; boundary=mjpegframe');
    await analysedMore(setup, id, 0);
  });

  it('reports an RTSP address ffmpeg cannot open clearly, without its password anywhere', async () => {
    const setup = await setUp();
    const bad = await setup.manager.save(camera('Yard', 'rtsp://admin:hunter2@127.0.0.1:9/none'));
    await waitFor('error', () => statusOf(setup, bad.id).state === 'error', 15_000);
    expect(statusOf(setup, bad.id).lastError).toMatch(/could not be opened \(ffmpeg: /);
    expect(JSON.stringify([setup.manager.health(), setup.manager.list(), setup.logger.lines])).not.toContain('hunter2');
    expect(bad.source).toBe('rtsp://127.0.0.1:9/none');
  });

  it('never analyses a face inside a privacy mask, and the preview shows the mask', async () => {
    const setup = await setUp();
    const cam = await server(setup, [person]);
    const open = await setup.manager.save(camera('Open', cam.url));
    const mask = rectangleMask(0.15, 0.05, 0.7, 0.9);
    const masked = await setup.manager.save(camera('Masked', cam.url, { masks: [mask] }));
    setup.manager.watch(masked.id);
    await waitFor(
      'both analysed',
      () => statusOf(setup, open.id).facesSeen > 0 && statusOf(setup, masked.id).framesAnalysed >= 5,
      30_000,
    );
    expect(statusOf(setup, masked.id).facesSeen).toBe(0);
    const preview = setup.events
      .filter((e) => e.event === 'camera.preview')
      .map((e) => e.payload as CameraPreview)
      .find((p) => p.cameraId === masked.id);
    expect(preview?.faces).toEqual([]);
    const jpeg = Buffer.from((preview?.jpegDataUrl ?? '').replace(/^data:image\/jpeg;base64,/, ''), 'base64');
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels] ?? -1;
    expect(at(320, 240)).toBeLessThan(16); // the masked face is black
    expect(at(20, 20)).toBeGreaterThan(60); // the backdrop outside the mask is not
    // Enrolment takes the masked frame too, never the camera's own JPEG.
    expect(setup.manager.latestFrame()?.jpeg.equals(person)).toBe(false);
  });

  it('routes USB frames by camera, stops a camera that is switched off, and says why', async () => {
    const setup = await setUp();
    const a = await setup.manager.save(camera('Till 1', 'usb:Logitech', { role: 'checkout' }));
    const b = await setup.manager.save(camera('Till 2', 'usb:Razer', { role: 'checkout' }));
    expect(setup.manager.capturePlan().map((p) => p.device)).toEqual(['Logitech', 'Razer']);
    const frame = await emptyEntrance();
    expect(setup.manager.push(wrapCameraFrame(b.id, frame))).toBe(true);
    await waitFor('b analysed', () => statusOf(setup, b.id).framesAnalysed > 0, 10_000);
    expect(statusOf(setup, a.id).framesIn).toBe(0);
    await setup.manager.save({ ...camera('Till 2', 'usb:Razer', { role: 'checkout', enabled: false }), id: b.id });
    expect(statusOf(setup, b.id)).toMatchObject({ state: 'stopped', lastError: 'Switched off in the admin window.' });
    expect(setup.manager.push(wrapCameraFrame(b.id, frame))).toBe(false);
    expect(setup.manager.capturePlan().map((p) => p.cameraId)).toEqual([a.id]);
    expect(await setup.manager.remove(a.id)).toBe(true);
    expect(setup.manager.health().map((s) => s.cameraId)).toEqual([b.id]);
  });
});
