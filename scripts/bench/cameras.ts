/**
 * Bench section `cameras`: 1, 4 and 10 simulated 640x480 cameras (a local MJPEG server streaming the shared walk
 * clip at 10 fps per camera), each asking for 5 analyses a second, all sharing the one face engine through the
 * camera manager exactly as the product runs them. Reports analysed fps (total and per camera), dropped frames,
 * p95 frame-to-decision latency, CPU (as % of one core) and peak RSS.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../electron/core/clock.js';
import { EventHub } from '../../electron/core/event-hub.js';
import { createLogger } from '../../electron/core/logger.js';
import { Gallery } from '../../electron/core/matching/gallery.js';
import { matchRuleFor, trackingSimilaritiesFor } from '../../electron/core/matching/thresholds.js';
import { DEFAULT_TRACKER } from '../../electron/core/recognition/face-tracker.js';
import { RecognitionPipeline } from '../../electron/core/recognition/recognition-pipeline.js';
import { CameraManager } from '../../electron/core/runtime/camera-manager.js';
import { openDatabase } from '../../electron/core/store/database.js';
import { startVisionEngine, type VisionBackend } from '../../electron/core/vision/onnx/vision-backend.js';
import type { FaceEngine } from '../../electron/core/vision/types.js';
import { createWorkerPool } from '../../electron/core/vision/worker-pool/worker-pool.js';
import { analysisSlotsFor } from '../../electron/core/runtime/analysis-slots.js';
import { DEFAULT_QUALITY } from '../../electron/core/vision/quality-gate.js';
import { percentile, round, type BenchRow, type BenchSection } from './section.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLIP = path.resolve(root, '..', 'shared', 'data', 'video', 'walk_toward_camera_640x480_30fps.mjpeg');
const COUNTS = [1, 4, 10] as const;
const CAMERA_FPS = 10;
const SAMPLING_FPS = 5;

export const camerasSection: BenchSection = {
  name: 'cameras',
  description: `1, 4 and 10 simulated 640x480 cameras at ${CAMERA_FPS} fps, ${SAMPLING_FPS} analyses/s asked per camera`,
  async run(context) {
    const seconds = context.quick ? 5 : 20;
    const logger = createLogger({ level: 'error' });
    // The engine as the product starts it: a worker pool (one worker per core), ONNX unless `--backend human`.
    const backendArg = context.args[context.args.indexOf('--backend') + 1];
    const preferred: VisionBackend = context.args.includes('--backend') && backendArg === 'human' ? 'human' : 'onnx';
    const started = await startVisionEngine(
      preferred,
      (backend) => createWorkerPool({ engine: { backend, threads: 1 }, logger }),
      logger,
    );
    const engine: FaceEngine = started.engine;
    const slots = analysisSlotsFor(engine);
    context.progress(`engine: ${started.description}, ${slots} analysis slot(s)`);
    const pipeline = new RecognitionPipeline({
      engine,
      gallery: new Gallery(engine.embeddingSize),
      clock: systemClock,
      match: matchRuleFor(engine.modelId),
      tracker: { ...DEFAULT_TRACKER, ...trackingSimilaritiesFor(engine.modelId) },
      quality: DEFAULT_QUALITY,
      onFaceSeen: () => undefined,
      onRecognised: () => undefined,
    });
    const json: Record<string, unknown> = {};
    const rows: BenchRow[] = [];
    try {
      for (const n of COUNTS) {
        context.progress(`${n} camera(s) for ${seconds} s…`);
        const figures = await measure(n, seconds, pipeline, slots, logger);
        for (const [key, value] of Object.entries(figures)) json[`cameras.n${n}.${key}`] = value;
        rows.push({ label: `${n} camera${n === 1 ? '' : 's'}`, values: figures });
      }
    } finally {
      await engine.close();
    }
    json['cameras.engine'] = started.description;
    json['cameras.analysis_slots'] = slots;
    json['cameras.target'] = `10 cameras at ${SAMPLING_FPS} analysed fps each with p95 < 250 ms`;
    return { json, rows };
  },
};

async function measure(
  n: number,
  seconds: number,
  pipeline: RecognitionPipeline,
  slots: number,
  logger: ReturnType<typeof createLogger>,
): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-cameras-'));
  const db = openDatabase(path.join(dir, 'kiosk.sqlite3'), { logger, clock: systemClock });
  // One server per camera, as ten real cameras would be ten connections each sending its own stream.
  const cameras = await startCameras(n);
  const manager = new CameraManager({ db, clock: systemClock, events: new EventHub(logger), logger });
  try {
    await manager.start(pipeline, { slots });
    for (const [i, url] of cameras.urls.entries()) {
      await manager.save({
        name: `Camera ${i + 1}`,
        role: 'entrance',
        source: url,
        samplingFps: SAMPLING_FPS,
        hours: null,
        enabled: true,
        masks: [],
        usb: null,
      });
    }
    // Warm up (connections, first frames), then measure from a clean baseline.
    await sleep(2000);
    const start = snapshot(manager);
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    let rssPeak = 0;
    const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 250);
    await sleep(seconds * 1000);
    clearInterval(rssTimer);
    const wall = (performance.now() - wallStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const end = snapshot(manager);
    const perCamera = [...end.analysed.entries()].map(([id, count]) => (count - (start.analysed.get(id) ?? 0)) / wall);
    const latencies = [...manager.latencies().values()].flat();
    return {
      analysed_fps: round(
        perCamera.reduce((a, b) => a + b, 0),
        1,
      ),
      analysed_fps_per_camera_min: round(Math.min(...perCamera), 2),
      analysed_fps_per_camera_max: round(Math.max(...perCamera), 2),
      frames_in_fps: round((end.framesIn - start.framesIn) / wall, 1),
      dropped_per_s: round((end.dropped - start.dropped) / wall, 1),
      p50_ms: round(percentile(latencies, 50), 0),
      p95_ms: round(percentile(latencies, 95), 0),
      cpu_pct: round(((cpu.user + cpu.system) / 1e6 / wall) * 100, 0),
      rss_mb: round(rssPeak / 2 ** 20, 0),
    };
  } finally {
    await manager.close();
    cameras.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function snapshot(manager: CameraManager): { analysed: Map<string, number>; framesIn: number; dropped: number } {
  const health = manager.health();
  return {
    analysed: new Map(health.map((s) => [s.cameraId, s.framesAnalysed])),
    framesIn: health.reduce((a, s) => a + s.framesIn, 0),
    dropped: health.reduce((a, s) => a + s.framesDropped, 0),
  };
}

/** Starts `n` MJPEG cameras in a child process (see camera-servers.ts) and returns their URLs. */
async function startCameras(n: number): Promise<{ urls: string[]; stop(): void }> {
  const child = fork(path.join(root, 'scripts', 'bench', 'camera-servers.ts'), [CLIP, String(n), String(CAMERA_FPS)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const urls = await new Promise<string[]>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined) resolve((JSON.parse(line) as { urls: string[] }).urls);
    });
    child.once('exit', (code) => reject(new Error(`The simulated cameras exited with code ${code}.`)));
  });
  return { urls, stop: () => void child.kill() };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
