/**
 * Runs one camera: its source feeds the latest-frame sampler; when the camera's turn on the shared face engine
 * comes (fair slots), the newest frame is decoded, its privacy masks are blacked out, and the masked frame goes
 * to the recognition pipeline. Health and, for the watched camera, a preview re-encoded from the MASKED frame go
 * out as events. A bad frame or a dead camera changes the state and the message, never the process.
 */
import type { CameraPreview, CameraRole, CameraState, CameraStatus } from '../../contract/dto.js';
import type { AnyCameraSource } from '../camera/create-source.js';
import { jpegDimensions } from '../camera/jpeg-dimensions.js';
import { LatestFrameSampler } from '../camera/latest-frame-sampler.js';
import { applyPrivacyMasks, type MaskPolygon } from '../camera/privacy-mask.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import type { FrameOutcome } from '../recognition/recognition-pipeline.js';
import { ImageDecodeError, decodeJpeg, encodeJpeg } from '../vision/decode.js';
import type { RgbFrame } from '../vision/types.js';
import type { FairSlots } from './fair-slots.js';
import { LatencyWindow } from './latency-window.js';

export interface CameraRunnerOptions {
  /** Frames analysed per second at most; the newest frame wins, the rest are dropped and counted. */
  readonly analysisFps: number;
  /** Preview frames per second sent to the admin window (watched camera only). */
  readonly previewFps: number;
  /** Frames wider than this are scaled down before analysis. */
  readonly maxAnalysisWidth: number;
  /** Frames with more pixels than this are refused before decoding (a 40 MP still would cost 120 MB as RGB). */
  readonly maxFramePixels: number;
}

export const DEFAULT_CAMERA_RUNNER: CameraRunnerOptions = {
  analysisFps: 5,
  previewFps: 2,
  maxAnalysisWidth: 1280,
  maxFramePixels: 16_000_000,
};

/** Refused frames in a row after which the camera counts as not working (one bad frame is just counted). */
const REJECTIONS_FOR_ERROR = 3;

/** What the runner needs from the recognition pipeline. */
export interface FrameAnalyser {
  analyse(cameraId: string, frame: RgbFrame): Promise<FrameOutcome>;
}

export interface CameraIdentity {
  readonly id: string;
  readonly name: string;
  readonly role: CameraRole;
  readonly masks: readonly MaskPolygon[];
}

export interface CameraRunnerDeps {
  readonly camera: CameraIdentity;
  readonly source: AnyCameraSource;
  readonly analyser: FrameAnalyser;
  readonly events: EventHub;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The shared face engine's turns; without it the camera analyses whenever it likes. */
  readonly slots?: FairSlots;
  /** Whether the admin window is watching this camera (only then is a preview encoded and sent). */
  readonly watched?: () => boolean;
  readonly options?: Partial<CameraRunnerOptions>;
}

export class CameraRunner {
  private readonly sampler: LatestFrameSampler;
  private readonly options: CameraRunnerOptions;
  private readonly latency = new LatencyWindow(200);
  private state: CameraState = 'stopped';
  private lastError: string | null = null;
  /** The newest frame fit to show or enrol from: the camera's JPEG without masks, a masked re-encode with. */
  private latest: { jpeg: Buffer; at: number } | null = null;
  private rejected = 0;
  private rejectedInARow = 0;
  private rejection: string | null = null;
  private facesSeen = 0;
  private lastPreviewAt = 0;
  private statusTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: CameraRunnerDeps) {
    this.options = { ...DEFAULT_CAMERA_RUNNER, ...deps.options };
    this.sampler = new LatestFrameSampler({ clock: deps.clock, logger: deps.logger });
  }

  get id(): string {
    return this.deps.camera.id;
  }

  get kind(): AnyCameraSource['kind'] {
    return this.deps.source.kind;
  }

  start(): void {
    const { source, camera, slots } = this.deps;
    const masked = camera.masks.length > 0;
    source.start({
      onFrame: (jpeg) => {
        // A masked camera's raw JPEG must never be shown or enrolled from; `latest` then comes from analysis.
        if (!masked) this.latest = { jpeg, at: this.deps.clock.now() };
        this.sampler.offer(jpeg);
      },
      onState: (state, error) => {
        this.state = state;
        this.lastError = error;
        if (error) this.deps.logger.warn('camera state', { camera: camera.id, state, error });
        this.publishStatus();
      },
    });
    this.running = this.sampler.run((jpeg, arrivedAt) => this.analyse(jpeg, arrivedAt), {
      maxFps: this.options.analysisFps,
      ...(slots ? { acquire: () => slots.acquire(camera.id) } : {}),
    });
    this.statusTimer = setInterval(() => this.publishStatus(), 1000);
    this.statusTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
    this.sampler.stop();
    this.deps.slots?.withdraw(this.deps.camera.id);
    await this.deps.source.stop();
    await this.running;
  }

  latestFrame(): { jpeg: Buffer; at: number } | null {
    return this.latest;
  }

  /** A frame pushed by the capture window (USB camera). */
  push(jpeg: Buffer): boolean {
    if (this.deps.source.kind !== 'usb') return false;
    this.deps.source.push(jpeg);
    return true;
  }

  reportError(message: string): void {
    if (this.deps.source.kind === 'usb') this.deps.source.reportError(message);
  }

  /** Frame-to-decision times (ms) of the latest analysed frames, oldest first. */
  latencies(): readonly number[] {
    return this.latency.values();
  }

  status(): CameraStatus {
    const stats = this.sampler.stats();
    const { camera, source } = this.deps;
    const refusing = this.rejectedInARow >= REJECTIONS_FOR_ERROR && this.state === 'running';
    return {
      cameraId: camera.id,
      name: camera.name,
      role: camera.role,
      kind: source.kind,
      state: refusing ? 'error' : this.state,
      fpsIn: round1(stats.fpsIn),
      fpsAnalysed: round1(stats.fpsAnalysed),
      framesIn: stats.framesIn,
      framesAnalysed: stats.framesAnalysed,
      framesDropped: stats.framesDropped,
      framesRejected: this.rejected,
      facesSeen: this.facesSeen,
      reconnects: source.reconnects,
      lastError: refusing ? this.rejection : (this.lastError ?? this.rejection),
      p95LatencyMs: this.latency.p95(),
    };
  }

  private refuse(message: string): void {
    this.rejected += 1;
    this.rejectedInARow += 1;
    this.rejection = message;
    if (this.rejectedInARow === REJECTIONS_FOR_ERROR) {
      this.deps.logger.warn('camera frames refused', { camera: this.deps.camera.id, message });
      this.publishStatus();
    }
  }

  private async analyse(jpeg: Buffer, arrivedAt: number): Promise<void> {
    const size = jpegDimensions(jpeg);
    if (size !== null && size.width * size.height > this.options.maxFramePixels) {
      const mp = (n: number) => (n / 1e6).toFixed(1);
      this.refuse(
        `The camera sends ${size.width}×${size.height} pictures (${mp(size.width * size.height)} megapixels); the ` +
          `kiosk analyses at most ${mp(this.options.maxFramePixels)} megapixels. Set the camera to a lower resolution ` +
          '(1920×1080 is plenty).',
      );
      return;
    }
    let frame: RgbFrame;
    try {
      frame = await decodeJpeg(jpeg, { maxWidth: this.options.maxAnalysisWidth });
    } catch (error) {
      if (!(error instanceof ImageDecodeError)) throw error;
      // A corrupt frame is counted and reported; the next frame is analysed as usual.
      this.refuse(error.message);
      return;
    }
    const { camera, clock } = this.deps;
    // Privacy invariant: masks are applied to the only copy of the pixels before anything looks at them.
    if (camera.masks.length > 0) applyPrivacyMasks(frame, camera.masks);
    const outcome = await this.deps.analyser.analyse(camera.id, frame);
    const now = clock.now();
    this.latency.add(now - arrivedAt);
    if (this.rejectedInARow >= REJECTIONS_FOR_ERROR) {
      this.rejectedInARow = 0;
      this.rejection = null;
      this.publishStatus();
    }
    this.rejectedInARow = 0;
    this.facesSeen += outcome.faces.length;
    const watched = this.deps.watched?.() ?? false;
    const previewDue = watched && now - this.lastPreviewAt >= 1000 / this.options.previewFps;
    if (!previewDue && camera.masks.length === 0) return;
    const shown = await encodeJpeg(frame, 80);
    if (camera.masks.length > 0) this.latest = { jpeg: shown, at: now };
    if (previewDue) {
      this.lastPreviewAt = now;
      this.deps.events.emit('camera.preview', this.preview(shown, frame, outcome));
    }
  }

  private preview(jpeg: Buffer, frame: RgbFrame, outcome: FrameOutcome): CameraPreview {
    return {
      cameraId: this.deps.camera.id,
      jpegDataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
      width: frame.width,
      height: frame.height,
      faces: outcome.faces.map(({ face, known, trackId }) => ({ box: face.box, known, trackId })),
    };
  }

  private publishStatus(): void {
    this.deps.events.emit('camera.status', this.status());
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
