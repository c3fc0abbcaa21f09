/**
 * The store's cameras at run time: one runner per camera that should run now (enabled, within its working hours),
 * all sharing the face engine through fair slots. It applies the admin window's changes without a restart, says
 * for every camera what it is doing (`health()`, also what sync publishes), routes USB frames from the capture
 * window, and chooses which camera the admin window previews.
 */
import type {
  CameraConfig,
  CameraInput,
  CameraRole,
  CameraStatus,
  CapturePlanEntry,
  VideoDevice,
} from '../../contract/dto.js';
import { unwrapCameraFrame } from '../../contract/camera-frame.js';
import { CommandError } from '../../contract/result.js';
import { createCameraSource, type CreateSourceOptions } from '../camera/create-source.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import type { WritableDb } from '../store/database.js';
import {
  DEFAULT_USB_MODE,
  getCameraRecord,
  listCameraRecords,
  removeCamera,
  saveCamera,
  shownSourceOf,
  specOf,
  toCameraConfig,
  type CameraRecord,
} from './camera-table.js';
import { CameraRunner, type CameraRunnerOptions, type FrameAnalyser } from './camera-runner.js';
import { FairSlots } from './fair-slots.js';
import { describeHours, withinHours } from './working-hours.js';

export interface CameraManagerOptions {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly logger: Logger;
  /** Analyses at once on the face engine (1 in process; the pool size with a worker pool). Default 1. */
  readonly analysisSlots?: number;
  readonly runner?: Partial<Omit<CameraRunnerOptions, 'analysisFps'>>;
  /** Source settings (file playback rate, stall timeout, backoff, ffmpeg path). */
  readonly source?: Omit<CreateSourceOptions, 'logger' | 'clock'>;
  /** How often working hours are re-checked. Default 30 s. */
  readonly hoursCheckMs?: number;
}

interface Running {
  readonly record: CameraRecord;
  readonly runner: CameraRunner;
}

export class CameraManager {
  private readonly slots: FairSlots;
  private readonly runners = new Map<string, Running>();
  /** Why a camera that should not run is idle, or why it could not start. */
  private readonly idle = new Map<string, { record: CameraRecord; reason: string; state: 'stopped' | 'error' }>();
  private analyser: FrameAnalyser | null = null;
  private watchedId: string | null = null;
  private devices: VideoDevice[] = [];
  private hoursTimer: NodeJS.Timeout | null = null;
  /** Serialises reconciliations so two quick edits never start a camera twice. */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: CameraManagerOptions) {
    this.slots = new FairSlots(options.analysisSlots ?? 1);
  }

  /**
   * Starts every camera that should run, analysing with `analyser` (the recognition pipeline). `slots`: analyses
   * at once, i.e. the face engine's workers (see analysisSlotsFor); default as constructed.
   */
  async start(analyser: FrameAnalyser, options: { slots?: number } = {}): Promise<void> {
    if (options.slots !== undefined) this.slots.resize(options.slots);
    this.analyser = analyser;
    await this.reconcile();
    this.hoursTimer = setInterval(() => void this.reconcile(), this.options.hoursCheckMs ?? 30_000);
    this.hoursTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.hoursTimer !== null) clearInterval(this.hoursTimer);
    this.hoursTimer = null;
    await this.chain;
    await Promise.all([...this.runners.values()].map(({ runner }) => runner.stop()));
    this.runners.clear();
  }

  list(): CameraConfig[] {
    return listCameraRecords(this.options.db).map(toCameraConfig);
  }

  roleOf(cameraId: string): CameraRole | null {
    return this.runners.get(cameraId)?.record.role ?? getCameraRecord(this.options.db, cameraId)?.role ?? null;
  }

  async save(input: CameraInput): Promise<CameraConfig> {
    const record = saveCamera(this.options.db, this.options.clock, input);
    this.options.logger.info('camera saved', { camera: record.id, kind: record.kind, source: shownSourceOf(record) });
    await this.reconcile();
    this.publishList();
    return toCameraConfig(record);
  }

  async remove(cameraId: string): Promise<boolean> {
    const removed = removeCamera(this.options.db, cameraId);
    if (!removed) return false;
    if (this.watchedId === cameraId) this.watchedId = null;
    await this.reconcile();
    this.publishList();
    return true;
  }

  /** Health of every configured camera, in the admin window's order. */
  health(): CameraStatus[] {
    return listCameraRecords(this.options.db).map((record) => this.statusOf(record));
  }

  watch(cameraId: string | null): void {
    if (cameraId !== null && getCameraRecord(this.options.db, cameraId) === null) {
      throw new CommandError('not_found', 'There is no such camera.');
    }
    this.watchedId = cameraId;
  }

  /** The camera the admin window previews: the chosen one, else the first running entrance camera. */
  watchedCamera(): string | null {
    if (this.watchedId !== null) return this.watchedId;
    for (const { record } of this.runners.values()) if (record.role === 'entrance') return record.id;
    return this.runners.keys().next().value ?? null;
  }

  /** The newest masked-if-needed frame of the watched camera, for enrolment. */
  latestFrame(): { jpeg: Buffer; at: number } | null {
    const id = this.watchedCamera();
    return id === null ? null : (this.runners.get(id)?.runner.latestFrame() ?? null);
  }

  /** A frame from the capture window: an envelope naming the camera, or a bare JPEG for the first USB camera. */
  push(bytes: Uint8Array): boolean {
    const frame = unwrapCameraFrame(bytes);
    if (frame === null) return false;
    const running = frame.cameraId === null ? this.firstUsb() : this.runners.get(frame.cameraId);
    if (running === undefined) return false;
    const { jpeg } = frame;
    return running.runner.push(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength));
  }

  reportError(message: string, cameraId: string | undefined): void {
    const running = cameraId === undefined ? this.firstUsb() : this.runners.get(cameraId);
    running?.runner.reportError(message);
  }

  /** What the capture window should open: every USB camera that runs now. */
  capturePlan(): CapturePlanEntry[] {
    return [...this.runners.values()]
      .filter(({ record }) => record.kind === 'usb')
      .map(({ record }) => ({
        cameraId: record.id,
        name: record.name,
        device: specOf(record).device ?? '',
        mode: record.usb ?? DEFAULT_USB_MODE,
      }));
  }

  setDevices(devices: readonly VideoDevice[]): void {
    this.devices = [...devices];
  }

  knownDevices(): VideoDevice[] {
    return [...this.devices];
  }

  /** Frame-to-decision latencies of every running camera (for the bench). */
  latencies(): Map<string, readonly number[]> {
    return new Map([...this.runners].map(([id, { runner }]) => [id, runner.latencies()]));
  }

  /** Brings the runners in line with the table and the clock. Queued behind any reconciliation in progress. */
  reconcile(): Promise<void> {
    this.chain = this.chain
      .then(() => this.reconcileNow())
      .catch((error: unknown) => {
        this.options.logger.error('camera reconciliation failed', { error: String(error) });
      });
    return this.chain;
  }

  private async reconcileNow(): Promise<void> {
    if (this.closed) return;
    const records = listCameraRecords(this.options.db);
    const wanted = new Map(records.map((r) => [r.id, r]));
    const now = new Date(this.options.clock.now());
    let captureChanged = false;
    for (const [id, running] of [...this.runners]) {
      const record = wanted.get(id);
      const keep =
        record !== undefined &&
        this.shouldRun(record, now) &&
        JSON.stringify(record) === JSON.stringify(running.record);
      if (keep) continue;
      this.runners.delete(id);
      await running.runner.stop();
      captureChanged ||= running.record.kind === 'usb';
    }
    this.idle.clear();
    for (const record of records) {
      if (this.runners.has(record.id)) continue;
      if (!this.shouldRun(record, now)) {
        const reason = !record.enabled
          ? 'Switched off in the admin window.'
          : `Outside its working hours (${record.hours === null ? '' : describeHours(record.hours)}); it starts by itself.`;
        this.idle.set(record.id, { record, reason, state: 'stopped' });
        continue;
      }
      if (this.analyser === null) continue;
      try {
        this.runners.set(record.id, { record, runner: this.startRunner(record, this.analyser) });
        captureChanged ||= record.kind === 'usb';
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.options.logger.warn('camera could not start', { camera: record.id, reason });
        this.idle.set(record.id, { record, reason, state: 'error' });
      }
    }
    for (const { record } of this.idle.values()) this.options.events.emit('camera.status', this.statusOf(record));
    if (captureChanged) this.publishList();
  }

  private shouldRun(record: CameraRecord, now: Date): boolean {
    return record.enabled && withinHours(record.hours, now);
  }

  private startRunner(record: CameraRecord, analyser: FrameAnalyser): CameraRunner {
    const { clock, logger, events } = this.options;
    const source = createCameraSource(specOf(record), {
      ...this.options.source,
      logger: logger.child(record.id),
      clock,
    });
    const runner = new CameraRunner({
      camera: { id: record.id, name: record.name, role: record.role, masks: record.masks },
      source,
      analyser,
      events,
      clock,
      logger: logger.child(record.id),
      slots: this.slots,
      watched: () => this.watchedCamera() === record.id,
      options: { ...this.options.runner, analysisFps: record.samplingFps },
    });
    runner.start();
    return runner;
  }

  private statusOf(record: CameraRecord): CameraStatus {
    const running = this.runners.get(record.id);
    if (running !== undefined) return running.runner.status();
    const idle = this.idle.get(record.id);
    return {
      cameraId: record.id,
      name: record.name,
      role: record.role,
      kind: record.kind,
      state: idle?.state ?? (record.enabled ? 'starting' : 'stopped'),
      fpsIn: 0,
      fpsAnalysed: 0,
      framesIn: 0,
      framesAnalysed: 0,
      framesDropped: 0,
      framesRejected: 0,
      facesSeen: 0,
      reconnects: 0,
      lastError: idle?.reason ?? (this.analyser === null ? 'Waiting for the face models to load.' : null),
      p95LatencyMs: null,
    };
  }

  private firstUsb(): Running | undefined {
    for (const running of this.runners.values()) if (running.record.kind === 'usb') return running;
    return undefined;
  }

  private publishList(): void {
    this.options.events.emit('cameras.changed', this.list());
  }
}
