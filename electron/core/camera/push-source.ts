/**
 * The USB camera. A capture window (getUserMedia in a renderer) owns the device and pushes each
 * JPEG here; this source only supervises: 'running' while frames arrive, 'stalled' after
 * `stallTimeoutMs` without one, 'error' when the capture window reports a failure.
 */
import type { Logger } from '../logger.js';
import { formatSeconds, guardEvents, type GuardedEvents } from './source-events.js';
import type { CameraSource, CameraSourceEvents } from './types.js';

export interface PushSourceOptions {
  readonly id: string;
  /** Device id or label fragment the capture window should open ('' = the default camera). */
  readonly device: string;
  /** No frame for this long means the camera stalled. Default 5000 ms. */
  readonly stallTimeoutMs?: number;
  readonly logger: Logger;
}

export class PushSource implements CameraSource {
  readonly kind = 'usb' as const;
  readonly id: string;
  readonly device: string;

  private readonly stallTimeoutMs: number;
  private readonly logger: Logger;
  private events: GuardedEvents | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private recoveries = 0;
  private framesSeen = 0;
  private rejected = 0;

  constructor(options: PushSourceOptions) {
    this.id = options.id;
    this.device = options.device;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 5000;
    this.logger = options.logger;
  }

  /** Times frames flowed again after a stall or an error (the capture window re-opened the device). */
  get reconnects(): number {
    return this.recoveries;
  }

  /** Pushed buffers that were not JPEGs and were ignored. */
  get framesRejected(): number {
    return this.rejected;
  }

  start(events: CameraSourceEvents): void {
    this.events = guardEvents(events, this.logger);
    this.framesSeen = 0;
    this.events.onState('starting', null);
    this.armWatchdog();
  }

  async stop(): Promise<void> {
    this.clearWatchdog();
    this.events?.onState('stopped', null);
    this.events = null;
  }

  /** A frame from the capture window. Ignored when stopped or when it is not a JPEG. */
  push(jpeg: Buffer): void {
    const events = this.events;
    if (events === null) return;
    if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) {
      this.rejected++;
      this.logger.debug('usb camera pushed a non-JPEG buffer', { bytes: jpeg.length });
      return;
    }
    if (events.state === 'stalled' || events.state === 'error') this.recoveries++;
    this.framesSeen++;
    this.armWatchdog();
    events.onState('running', null);
    events.onFrame(jpeg);
  }

  /** The capture window could not open or read the camera; `message` is a sentence for a person. */
  reportError(message: string): void {
    const events = this.events;
    if (events === null) return;
    this.logger.warn('usb camera error', { camera: this.id, message });
    events.onState('error', message);
    // Still watch: frames arriving later (the window retried) bring the state back to 'running'.
    this.armWatchdog();
  }

  private armWatchdog(): void {
    this.clearWatchdog();
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      const events = this.events;
      if (events === null || events.state === 'error') return;
      const waited = formatSeconds(this.stallTimeoutMs);
      const message =
        this.framesSeen === 0
          ? `The USB camera${this.deviceLabel()} sent no picture in ${waited} since starting. Check that it is plugged in and not used by another program.`
          : `The USB camera${this.deviceLabel()} sent no picture for ${waited}. Check that it is plugged in and not used by another program.`;
      this.logger.warn('usb camera stalled', { camera: this.id });
      events.onState('stalled', message);
    }, this.stallTimeoutMs);
  }

  private deviceLabel(): string {
    return this.device === '' ? '' : ` "${this.device}"`;
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }
}
