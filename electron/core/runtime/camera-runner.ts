/**
 * Runs one camera: its source feeds the latest-frame sampler, the sampler feeds the recognition pipeline at the
 * analysis rate, and health and a live preview go out as events. A bad frame or a dead camera changes the state
 * and the message, never the process.
 */
import type { CameraPreview, CameraState, CameraStatus } from '../../contract/dto.js';
import type { Clock } from '../clock.js';
import { LatestFrameSampler } from '../camera/latest-frame-sampler.js';
import type { AnyCameraSource } from '../camera/create-source.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import type { RecognitionPipeline } from '../recognition/recognition-pipeline.js';
import { ImageDecodeError, decodeJpeg } from '../vision/decode.js';

export interface CameraRunnerOptions {
  /** Frames analysed per second at most; the newest frame wins, the rest are dropped and counted. */
  readonly analysisFps: number;
  /** Preview frames per second sent to the admin window. */
  readonly previewFps: number;
  /** Frames wider than this are scaled down before analysis. */
  readonly maxAnalysisWidth: number;
}

export const DEFAULT_CAMERA_RUNNER: CameraRunnerOptions = { analysisFps: 5, previewFps: 2, maxAnalysisWidth: 1280 };

export class CameraRunner {
  private readonly sampler: LatestFrameSampler;
  private state: CameraState = 'stopped';
  private lastError: string | null = null;
  private latest: { jpeg: Buffer; at: number } | null = null;
  private rejected = 0;
  private facesSeen = 0;
  private lastPreviewAt = 0;
  private statusTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly source: AnyCameraSource,
    private readonly pipeline: RecognitionPipeline,
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: CameraRunnerOptions = DEFAULT_CAMERA_RUNNER,
  ) {
    this.sampler = new LatestFrameSampler({ clock, logger });
  }

  get id(): string {
    return this.source.id;
  }

  start(): void {
    this.source.start({
      onFrame: (jpeg) => {
        this.latest = { jpeg, at: this.clock.now() };
        this.sampler.offer(jpeg);
      },
      onState: (state, error) => {
        this.state = state;
        this.lastError = error;
        if (error) this.logger.warn('camera state', { camera: this.source.id, state, error });
        this.publishStatus();
      },
    });
    this.running = this.sampler.run((jpeg) => this.analyse(jpeg), { maxFps: this.options.analysisFps });
    this.statusTimer = setInterval(() => this.publishStatus(), 1000);
    this.statusTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
    this.sampler.stop();
    await this.source.stop();
    await this.running;
  }

  latestFrame(): { jpeg: Buffer; at: number } | null {
    return this.latest;
  }

  /** A frame pushed by the capture window (USB camera). */
  push(jpeg: Buffer): boolean {
    if (this.source.kind !== 'usb') return false;
    this.source.push(jpeg);
    return true;
  }

  reportError(message: string): void {
    if (this.source.kind === 'usb') this.source.reportError(message);
  }

  status(): CameraStatus {
    const stats = this.sampler.stats();
    return {
      cameraId: this.source.id,
      kind: this.source.kind,
      state: this.state,
      fpsIn: round1(stats.fpsIn),
      fpsAnalysed: round1(stats.fpsAnalysed),
      framesIn: stats.framesIn,
      framesAnalysed: stats.framesAnalysed,
      framesDropped: stats.framesDropped,
      framesRejected: this.rejected,
      facesSeen: this.facesSeen,
      reconnects: this.source.reconnects,
      lastError: this.lastError,
    };
  }

  private async analyse(jpeg: Buffer): Promise<void> {
    let frame;
    try {
      frame = await decodeJpeg(jpeg, { maxWidth: this.options.maxAnalysisWidth });
    } catch (error) {
      if (!(error instanceof ImageDecodeError)) throw error;
      // A corrupt frame is counted and reported; the next frame is analysed as usual.
      this.rejected += 1;
      this.lastError = error.message;
      return;
    }
    const outcome = await this.pipeline.analyse(this.source.id, frame);
    this.facesSeen += outcome.faces.length;
    const now = this.clock.now();
    if (now - this.lastPreviewAt >= 1000 / this.options.previewFps) {
      this.lastPreviewAt = now;
      this.events.emit('camera.preview', this.preview(jpeg, frame.width, frame.height, outcome.faces));
    }
  }

  private preview(
    jpeg: Buffer,
    width: number,
    height: number,
    faces: readonly { face: { box: { x: number; y: number; width: number; height: number } }; known: boolean }[],
  ): CameraPreview {
    return {
      cameraId: this.source.id,
      jpegDataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
      width,
      height,
      faces: faces.map(({ face, known }) => ({ box: face.box, known })),
    };
  }

  private publishStatus(): void {
    this.events.emit('camera.status', this.status());
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
