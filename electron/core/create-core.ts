/**
 * Builds the core from its parts: the database (created and filled with the demo store on first start), the
 * services, the face engine and the entrance camera. Hosts get back a `Core`; nothing here knows whether it runs
 * in Electron's utility process or in browser mode.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { dispatch } from '../contract/dispatch.js';
import type { AppInfo } from '../contract/dto.js';
import { storeTimeZone } from './board/board-config.js';
import { seedDemoCampaigns } from './board/demo-campaigns.js';
import { PickupBoard } from './board/pickup-board.js';
import { Presence } from './board/presence.js';
import { parseCameraSpec, specSource } from './camera/camera-spec.js';
import { systemClock, type Clock } from './clock.js';
import type { Core } from './core-api.js';
import { createAdminRuntime } from './admin/admin-runtime.js';
import { seedDemoAudience } from './admin/demo-audience.js';
import { analyseWithinWorkingHours } from './admin/working-hours-analyser.js';
import { createDesktopParts } from './desktop/desktop-parts.js';
import { DEMO_STORE_NAME, seedDemoStore } from './demo/seed-demo-store.js';
import { EventHub } from './event-hub.js';
import { createHandlers } from './handlers.js';
import type { Logger } from './logger.js';
import { Gallery } from './matching/gallery.js';
import { matchRuleFor, trackingSimilaritiesFor } from './matching/thresholds.js';
import { cloudTrackLookup, decideWithCloud } from './recognition/cloud-decisions.js';
import { applyMatchRejection } from './recognition/match-rejections.js';
import { DEFAULT_TRACKER } from './recognition/face-tracker.js';
import { RecognitionPipeline } from './recognition/recognition-pipeline.js';
import { createRecognitionHandlers } from './recognition/recognition-handlers.js';
import { RejectionMemory } from './recognition/rejection-memory.js';
import { analysisSlotsFor } from './runtime/analysis-slots.js';
import { CameraManager } from './runtime/camera-manager.js';
import type { CameraRunnerOptions } from './runtime/camera-runner.js';
import { hostCameraInfo, seedCameraFromSpec } from './runtime/camera-table.js';
import { Arrivals } from './services/arrivals.js';
import { DEFAULT_DISPLAY, DisplayService, type DisplayOptions } from './services/display-service.js';
import { EnrolmentService } from './services/enrolment-service.js';
import { SignIns } from './services/sign-ins.js';
import { openDatabase } from './store/database.js';
import { incrementFootfall } from './store/footfall.js';
import { storeName } from './store/settings.js';
import { reenrolmentStatus } from './store/reenrolment.js';
import { loadTemplates } from './store/templates.js';
import { applySyncEffects } from './sync/core-effects.js';
import { openSecretStore, type SecretStore } from './secrets/secret-store.js';
import { createSyncHandlers } from './sync/sync-handlers.js';
import { SyncService, type SyncOptions } from './sync/sync-service.js';
import { readVisionBackend, startVisionEngine, type VisionBackend } from './vision/onnx/vision-backend.js';
import { createWorkerPool } from './vision/worker-pool/worker-pool.js';
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
  /** Overrides the `vision.backend` setting (onnx | human). */
  readonly visionBackend?: VisionBackend;
  readonly display?: DisplayOptions;
  readonly cameraRunner?: Partial<CameraRunnerOptions>;
  /** Playback rate of a file camera, poll rate of a snapshot URL. */
  readonly cameraFps?: number;
  /** The ffmpeg program for RTSP cameras (default: `ffmpeg` on the PATH). */
  readonly ffmpegPath?: string;
  /**
   * The key of the core's secret store (32 bytes). The Electron shell passes one it keeps wrapped by safeStorage;
   * without it (browser mode) the key lives in a file in the data folder that only this user may read.
   */
  readonly secretKey?: Buffer;
  /** Replaces the secret store altogether (tests). */
  readonly secrets?: SecretStore;
  /** Sync timings (tests shorten the reconnect backoff). */
  readonly sync?: Partial<SyncOptions>;
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

  // --camera is the quick one-camera way: it becomes the entrance camera of an empty camera table.
  if (seedCameraFromSpec(db, clock, cameraSpec, specSource(cameraSpec))) {
    logger.info('camera table seeded from --camera', { camera: cameraSpec.id });
  }

  const info: AppInfo = {
    productName: 'Smart Store Kiosk',
    version: options.version,
    mode: options.mode,
    storeName: storeName(db, DEMO_STORE_NAME),
    camera: hostCameraInfo(db, cameraSpec),
    visionBackend: 'starting',
  };

  const events = new EventHub(logger);
  const signIns = new SignIns();
  const cameras = new CameraManager({
    db,
    clock,
    events,
    logger: logger.child('camera'),
    runner: options.cameraRunner,
    source: { fps: options.cameraFps, ffmpegPath: options.ffmpegPath },
  });
  // One secret store for the whole core: broker password and client key (sync), cloud credentials (desktop).
  const secrets = options.secrets ?? openSecretStore(options.dataDir, options.secretKey);
  const desktop = createDesktopParts({ dataDir: options.dataDir, db, clock, events, signIns, logger, secrets });
  if (seeded.seeded) seedDemoCampaigns(db, clock);
  const presence = new Presence();
  const display = new DisplayService(db, clock, events, options.display ?? DEFAULT_DISPLAY, {
    presence,
    timeZone: () => storeTimeZone(db),
  });
  const arrivals = new Arrivals(db, clock, events, display, logger.child('arrivals'));
  // "Not her" from a clerk: the vision engine's rejection handling subscribes with board.onMatchRejected.
  const board = new PickupBoard({
    db,
    clock,
    events,
    display,
    logger: logger.child('board'),
    trackOf: (visitId) => arrivals.trackOf(visitId),
  });
  const rejections = RejectionMemory.load(db);
  board.onMatchRejected((rejection) =>
    applyMatchRejection(
      { db, clock, memory: rejections, pipeline: () => vision?.pipeline ?? null, logger: logger.child('recognition') },
      rejection,
    ),
  );

  // Manager controls: backups, retention, working hours, reports, accounts (electron/core/admin).
  if (seeded.seeded) seedDemoAudience(db, clock, cameraSpec.id);
  const admin = createAdminRuntime({
    dataDir: options.dataDir,
    db,
    clock,
    logger: logger.child('admin'),
    events,
    signIns,
    storeName: () => storeName(db, DEMO_STORE_NAME),
    vision: () =>
      vision ? { gallery: vision.gallery, pipeline: vision.pipeline, modelId: vision.engine.modelId } : null,
    forgetOnDisplay: (customerId) => display.customerErased(customerId),
    resetDisplay: () => display.showIdle(),
  });
  admin.hooks.erased.add(({ customerId }) => desktop.onErased(customerId));

  let vision: {
    engine: FaceEngine;
    gallery: Gallery;
    pipeline: RecognitionPipeline;
    enrolment: EnrolmentService;
  } | null = null;
  let closed = false;

  const visionReady = (async () => {
    progress('Loading the face models…');
    const started = clock.now();
    // Inference runs in worker threads, one engine per core (electron/core/vision/worker-pool).
    // vision.backend (onnx by default; human as the fallback when the ONNX models cannot load).
    const startedEngine = await (options.engine
      ? options.engine().then((e) => ({ engine: e, description: e.backend }))
      : startVisionEngine(
          options.visionBackend ?? readVisionBackend(db, logger),
          // One onnxruntime thread per worker: the pool already runs one worker per core.
          (backend) => createWorkerPool({ engine: { backend, threads: 1 }, logger: logger.child('vision') }),
          logger.child('vision'),
        ));
    const engine = startedEngine.engine;
    info.visionBackend = startedEngine.description;
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
    const cloudDecisions = { cloud: desktop.cloud, logger: logger.child('cloud') };
    const pipeline = new RecognitionPipeline({
      engine,
      gallery,
      clock,
      match: matchRuleFor(engine.modelId),
      tracker: { ...DEFAULT_TRACKER, ...trackingSimilaritiesFor(engine.modelId) },
      quality: DEFAULT_QUALITY,
      rejections,
      onFaceSeen: (cameraId) => incrementFootfall(db, clock, cameraId),
      // Only an entrance camera greets and alerts; the others count faces and follow tracks. In second-opinion
      // mode the cloud must confirm the local decision first (recognition/cloud-decisions.ts).
      onRecognised: (recognition, crop) => {
        if (cameras.roleOf(recognition.cameraId) !== 'entrance') return;
        decideWithCloud(cloudDecisions, recognition, crop, (confirmed) => arrivals.onRecognised(confirmed));
      },
      cloud: cloudTrackLookup(cloudDecisions),
      onTracks: (cameraId, tracks) => presence.update(cameraId, tracks),
    });
    const enrolment = new EnrolmentService({
      db,
      clock,
      engine,
      gallery,
      camera: { latestFrame: () => cameras.latestFrame() },
      quality: DEFAULT_QUALITY,
      logger: logger.child('enrolment'),
      onEnrolled: () => pipeline.galleryChanged(),
      cloud: desktop.cloud,
    });
    vision = { engine, gallery, pipeline, enrolment };
    // One analysis per engine worker at a time, shared round-robin by the cameras.
    await cameras.start(analyseWithinWorkingHours(pipeline, admin.withinWorkingHours, clock, logger.child('hours')), {
      slots: analysisSlotsFor(engine),
    });
    progress(
      `Face models ready in ${((clock.now() - started) / 1000).toFixed(1)} s; ${gallery.size} templates enrolled.`,
    );
    // Customers enrolled under another face model only are not in this gallery. Said once here; the admin window
    // reads the live figure (vision.stats) and marks them in its customer list.
    const reenrolment = reenrolmentStatus(db, engine.modelId);
    if (reenrolment.message !== null) {
      logger.warn(reenrolment.message, { modelId: engine.modelId, customers: reenrolment.count });
    }
  })();
  // The host decides what to do with a failure; an unobserved rejection must not crash the process meanwhile.
  visionReady.catch((error: unknown) => logger.error('vision failed to start', { error: String(error) }));

  // Sync with the chain: off until a broker is configured in the admin window (docs/sync.md).
  const sync = new SyncService({
    db,
    clock,
    logger: logger.child('sync'),
    secrets,
    version: options.version,
    cameras: () => cameras.health(),
    onStatus: (status) => events.emit('sync.status', status),
    onApplied: (effects) =>
      applySyncEffects({ db, clock, events, display, vision: () => vision, onErased: desktop.onErased }, effects),
    options: options.sync,
  });
  sync.start().catch((error: unknown) => logger.error('sync failed to start', { error: String(error) }));

  const handlers = createHandlers({
    info,
    db,
    clock,
    events,
    signIns,
    display,
    board,
    vision: () => vision,
    cameras,
    desktop: desktop.handlers,
    sync: createSyncHandlers({ db, clock, signIns, sync }),
    admin: admin.handlers,
    recognition: createRecognitionHandlers({ db, board, signIns, vision: () => vision }),
    onErased: (customerId) =>
      void admin.hooks.erased.notify({ customerId, reason: 'erasure', actor: 'manager', outcome: null }),
  });
  admin.start();

  return {
    info,
    lan: desktop.lan,
    visionReady,
    call: (caller, command, payload) => dispatch(handlers, caller, command, payload, logger),
    onEvent: (listener) => events.on(listener),
    disconnect: (connectionId) => signIns.signOut(connectionId),
    close: async () => {
      if (closed) return;
      closed = true;
      display.close();
      desktop.close();
      await sync.stop();
      await admin.close();
      await visionReady.catch(() => undefined);
      await cameras.close();
      await vision?.engine.close();
      db.close();
    },
  };
}
