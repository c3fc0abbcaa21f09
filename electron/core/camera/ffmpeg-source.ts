/**
 * An RTSP camera through the system's ffmpeg: ffmpeg connects and decodes (H.264, H.265, whatever the camera
 * sends) and writes MJPEG to its stdout, which the JPEG splitter cuts into frames. Streams that crash ffmpeg or
 * stop are handled like any other camera: a clear state, then a restart after an exponential backoff with jitter,
 * reset once frames flow again. When ffmpeg is not installed the state says so and how to install it.
 *
 * Credentials: the URL goes to ffmpeg as an argument (needed to connect); every sentence, log line and relayed
 * ffmpeg message passes `redactUrl` / `redactCredentialsIn` first.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { CameraState } from '../../contract/dto.js';
import type { Logger } from '../logger.js';
import { redactCredentialsIn, redactUrl } from './camera-spec.js';
import { DEFAULT_MAX_FRAME_BYTES, JpegSplitter } from './jpeg-splitter.js';
import { Reconnection, type BackoffOptions, type FailureSentence } from './reconnection.js';
import { formatSeconds, guardEvents, type GuardedEvents } from './source-events.js';
import type { CameraSource, CameraSourceEvents } from './types.js';

export const FFMPEG_INSTALL_HINT =
  'Install ffmpeg (Debian/Ubuntu: sudo apt install ffmpeg; Windows and macOS: https://ffmpeg.org/download.html) ' +
  'and make sure it is on the PATH; the camera starts by itself once it is there';

export interface FfmpegSourceOptions {
  readonly id: string;
  /** rtsp:// or rtsps:// URL; may carry credentials, which are used to connect and never shown. */
  readonly url: string;
  /** Frames per second ffmpeg outputs. Default 10. */
  readonly fps?: number;
  /** The ffmpeg program. Default `ffmpeg` (found on the PATH). */
  readonly ffmpegPath?: string;
  /** No frame for this long means the camera stalled. Default 8000 ms (RTSP connects slowly). */
  readonly stallTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  /** Largest frame accepted, in bytes. Default 16 MB. */
  readonly maxFrameBytes?: number;
  /** Jitter source in [0, 1). Default Math.random. */
  readonly random?: () => number;
  readonly logger: Logger;
}

type FfmpegProcess = ChildProcessByStdio<null, Readable, Readable>;

interface Run {
  readonly child: FfmpegProcess;
  framesSeen: number;
  /** The last lines ffmpeg wrote to stderr (redacted), to say why it ended. */
  lastError: string;
}

export class FfmpegSource implements CameraSource {
  readonly kind = 'rtsp' as const;
  readonly id: string;

  private readonly url: string;
  private readonly shownUrl: string;
  private readonly fps: number;
  private readonly ffmpegPath: string;
  private readonly stallTimeoutMs: number;
  private readonly maxFrameBytes: number;
  private readonly logger: Logger;
  private readonly reconnection: Reconnection;

  private events: GuardedEvents | null = null;
  private run: Run | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** Processes told to stop that have not exited yet. */
  private readonly exiting = new Set<Promise<void>>();

  constructor(options: FfmpegSourceOptions) {
    const fps = options.fps ?? 10;
    if (!(fps > 0)) throw new RangeError(`fps must be positive, got ${fps}`);
    this.id = options.id;
    this.url = options.url;
    this.shownUrl = redactUrl(options.url);
    this.fps = fps;
    this.ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
    this.stallTimeoutMs = options.stallTimeoutMs ?? 8000;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.logger = options.logger;
    this.reconnection = new Reconnection(this.shownUrl, options.backoff, options.random ?? Math.random, this.logger);
  }

  get reconnects(): number {
    return this.reconnection.reconnects;
  }

  start(events: CameraSourceEvents): void {
    this.abandon();
    this.reconnection.reset();
    this.events = guardEvents(events, this.logger);
    this.events.onState('starting', null);
    this.open();
  }

  async stop(): Promise<void> {
    this.abandon();
    this.events?.onState('stopped', null);
    this.events = null;
    await Promise.all([...this.exiting]);
  }

  private args(): string[] {
    const input = this.url.toLowerCase().startsWith('rtsp') ? ['-rtsp_transport', 'tcp'] : [];
    return [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      ...input,
      '-i',
      this.url,
      '-an',
      '-r',
      String(this.fps),
      '-f',
      'mjpeg',
      '-q:v',
      '5',
      'pipe:1',
    ];
  }

  private open(): void {
    let child: FfmpegProcess;
    try {
      child = spawn(this.ffmpegPath, this.args(), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (cause) {
      this.fail(null, 'error', (retry) => this.spawnFailure(cause, retry));
      return;
    }
    const run: Run = { child, framesSeen: 0, lastError: '' };
    this.run = run;
    const splitter = new JpegSplitter({
      maxFrameBytes: this.maxFrameBytes,
      onFrame: (jpeg) => this.deliver(run, jpeg),
      onDropped: (reason, bytes) => this.logger.debug('camera frame dropped', { camera: this.shownUrl, reason, bytes }),
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.run === run) splitter.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = redactCredentialsIn(chunk.toString()).trim().split('\n').filter(Boolean);
      const last = lines[lines.length - 1];
      if (last !== undefined) run.lastError = last.replaceAll(this.url, this.shownUrl).slice(0, 300);
    });
    // Stream errors after a kill are expected; without listeners they would crash the process.
    child.stdout.on('error', () => undefined);
    child.stderr.on('error', () => undefined);
    child.on('error', (cause) => this.fail(run, 'error', (retry) => this.spawnFailure(cause, retry)));
    child.on('exit', (code, signal) => {
      if (this.run !== run) return;
      const why = run.lastError !== '' ? run.lastError : signal !== null ? `signal ${signal}` : `exit code ${code}`;
      if (run.framesSeen > 0) {
        this.fail(
          run,
          'stalled',
          (retry) => `The camera at ${this.shownUrl} stopped sending (ffmpeg: ${why}); ${retry}.`,
        );
      } else {
        this.fail(
          run,
          'error',
          (retry) =>
            `The camera at ${this.shownUrl} could not be opened (ffmpeg: ${why}). ` +
            `Check the address, user name and password; ${retry}.`,
        );
      }
    });
    this.armWatchdog(run);
  }

  private spawnFailure(cause: unknown, retry: string): string {
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
    if (code === 'ENOENT') {
      return `RTSP cameras need ffmpeg, and it is not installed (no "${this.ffmpegPath}" found). ${FFMPEG_INSTALL_HINT}; ${retry}.`;
    }
    const detail = cause instanceof Error ? cause.message : String(cause);
    return `ffmpeg could not be started for the camera at ${this.shownUrl} (${redactCredentialsIn(detail)}); ${retry}.`;
  }

  private deliver(run: Run, jpeg: Buffer): void {
    if (this.run !== run || this.events === null) return;
    run.framesSeen++;
    this.reconnection.reset();
    this.armWatchdog(run);
    this.events.onState('running', null);
    this.events.onFrame(jpeg);
  }

  private armWatchdog(run: Run): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      const waited = formatSeconds(this.stallTimeoutMs);
      if (run.framesSeen > 0) {
        this.fail(run, 'stalled', (retry) => `The camera at ${this.shownUrl} sent no picture for ${waited}; ${retry}.`);
      } else {
        this.fail(
          run,
          'error',
          (retry) =>
            `The camera at ${this.shownUrl} sent no picture in ${waited} since connecting` +
            `${run.lastError === '' ? '' : ` (ffmpeg: ${run.lastError})`}. Check that it is powered and on the network; ${retry}.`,
        );
      }
    }, this.stallTimeoutMs);
  }

  /** Ends the current ffmpeg, reports why, and schedules the next start. Ignores runs already replaced. */
  private fail(run: Run | null, state: Extract<CameraState, 'error' | 'stalled'>, sentence: FailureSentence): void {
    if (this.run !== run || this.events === null) return;
    this.abandon();
    this.reconnection.schedule(this.events, state, sentence, () => {
      if (this.events !== null) this.open();
    });
  }

  /** Stops the current ffmpeg (TERM, then KILL after a second) and every timer. */
  private abandon(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
    this.reconnection.cancel();
    const run = this.run;
    this.run = null;
    if (run === null) return;
    const { child } = run;
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 1000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
    });
    this.exiting.add(exited);
    void exited.then(() => this.exiting.delete(exited));
    child.kill('SIGTERM');
  }
}
