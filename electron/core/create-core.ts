/**
 * Builds the core from its parts: the database (created and filled with the demo store on first start), the
 * services, the face engine and the entrance camera. Hosts get back a `Core`; nothing here knows whether it runs
 * in Electron's utility process or in browser mode.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { dispatch } from '../contract/dispatch.js';
import type { AppInfo } from '../contract/dto.js';
import { parseCameraSpec } from './camera/camera-spec.js';
import { createCameraSource } from './camera/create-source.js';
import { systemClock, type Clock } from './clock.js';
import type { Core } from './core-api.js';
import { DEMO_STORE_NAME, seedDemoStore } from './demo/seed-demo-store.js';
import { EventHub } from './event-hub.js';
import { createHandlers } from './handlers.js';
import type { Logger } from './logger.js';
import { Gallery } from './matching/gallery.js';
import { matchThresholdFor } from './matching/thresholds.js';
import { DEFAULT_MATCH_MARGIN, RecognitionPipeline } from './recognition/recognition-pipeline.js';
import { CameraRunner, DEFAULT_CAMERA_RUNNER, type CameraRunnerOptions } from './runtime/camera-runner.js';
import { Arrivals } from './services/arrivals.js';
import { DEFAULT_DISPLAY, DisplayService, type DisplayOptions } from './services/display-service.js';
import { EnrolmentService } from './services/enrolment-service.js';
import { SignIns } from './services/sign-ins.js';
import { openDatabase } from './store/database.js';
import { incrementFootfall } from './store/footfall.js';
import { storeName } from './store/settings.js';
import { loadTemplates } from './store/templates.js';
import { createHumanEngine } from './vision/human-engine.js';
import { DEFAULT_QUALITY } from './vision/quality-gate.js';
import type { FaceEngine } from './vision/types.js';

export const DATABASE_FILE = 'kiosk.sqlite3';

export interface CoreOptions {
  readonly dataDir: string;
  /** Camera spec as given on the command line: usb, usb:<name>, an MJPEG URL or a .mjpeg file. */
  readonly camera: string;
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Progress of long steps, for a person watching the start. */
  readonly onProgress?: (message: string) => void;
  /** Replaces the default engine (tests inject a shared one). */
  readonly engine?: () => Promise<FaceEngine>;
  readonly display?: DisplayOptions;
  readonly cameraRunner?: Partial<CameraRunnerOptions>;
  /** Playback rate of a file camera, poll rate of a snapshot URL. */
  readonly cameraFps?: number;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const progress = options.onProgress ?? ((message: string) => logger.info(message));

  const cameraSpec = parseCameraSpec(options.camera);
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(path.join(options.dataDir, DATABASE_FILE), { logger: logger.child('store'), clock });
  const seeded = seedDemoStore(db, { clock });
  if (seeded.seeded) {
    progress(
      `Created the demo store: ${seeded.products} products, ${seeded.customers} customers, ${seeded.receipts} receipts.`,
    );
  }

  const info: AppInfo = {
    productName: 'Smart Store Kiosk',
    version: options.version,
    mode: options.mode,
    storeName: storeName(db, DEMO_STORE_NAME),
    camera: { id: cameraSpec.id, kind: cameraSpec.kind, device: cameraSpec.device ?? '' },
    visionBackend: 'human',
  };

  const events = new EventHub(logger);
  const signIns = new SignIns();
  const display = new DisplayService(db, clock, events, options.display ?? DEFAULT_DISPLAY);
  const arrivals = new Arrivals(db, clock, events, display, logger.child('arrivals'));

  let vision: {
    engine: FaceEngine;
    gallery: Gallery;
    pipeline: RecognitionPipeline;
    enrolment: EnrolmentService;
  } | null = null;
  let camera: CameraRunner | null = null;
  let closed = false;

  const visionReady = (async () => {
    progress('Loading the face models…');
    const started = clock.now();
    const engine = await (options.engine ?? (() => createHumanEngine({ logger: logger.child('vision') })))();
    if (closed) {
      await engine.close();
      return;
    }
    const gallery = new Gallery(engine.embeddingSize);
    const byPerson = new Map<string, Float32Array[]>();
    for (const template of loadTemplates(db, engine.modelId)) {
      const list = byPerson.get(template.customerId) ?? [];
      list.push(template.embedding);
      byPerson.set(template.customerId, list);
    }
    for (const [customerId, templates] of byPerson) gallery.replacePerson(customerId, templates);
    const pipeline = new RecognitionPipeline({
      engine,
      gallery,
      clock,
      match: { threshold: matchThresholdFor(engine.modelId), margin: DEFAULT_MATCH_MARGIN },
      quality: DEFAULT_QUALITY,
      onFaceSeen: (cameraId) => incrementFootfall(db, clock, cameraId),
      onRecognised: (recognition) => arrivals.onRecognised(recognition),
    });
    const source = createCameraSource(cameraSpec, { logger, clock, fps: options.cameraFps });
    camera = new CameraRunner(source, pipeline, events, clock, logger.child('camera'), {
      ...DEFAULT_CAMERA_RUNNER,
      ...options.cameraRunner,
    });
    const runner = camera;
    const enrolment = new EnrolmentService({
      db,
      clock,
      engine,
      gallery,
      camera: { latestFrame: () => runner.latestFrame() },
      quality: DEFAULT_QUALITY,
      logger: logger.child('enrolment'),
      onEnrolled: () => pipeline.galleryChanged(),
    });
    vision = { engine, gallery, pipeline, enrolment };
    camera.start();
    progress(
      `Face models ready in ${((clock.now() - started) / 1000).toFixed(1)} s; ${gallery.size} templates enrolled.`,
    );
  })();
  // The host decides what to do with a failure; an unobserved rejection must not crash the process meanwhile.
  visionReady.catch((error: unknown) => logger.error('vision failed to start', { error: String(error) }));

  const handlers = createHandlers({
    info,
    db,
    clock,
    events,
    signIns,
    display,
    vision: () => vision,
    camera: () => camera,
  });

  return {
    info,
    visionReady,
    call: (caller, command, payload) => dispatch(handlers, caller, command, payload, logger),
    onEvent: (listener) => events.on(listener),
    disconnect: (connectionId) => signIns.signOut(connectionId),
    close: async () => {
      if (closed) return;
      closed = true;
      display.close();
      await visionReady.catch(() => undefined);
      await camera?.stop();
      await vision?.engine.close();
      db.close();
    },
  };
}
