/**
 * A network camera over HTTP(S): an MJPEG stream (multipart/x-mixed-replace), or a snapshot URL
 * answering one image/jpeg per request, which is then polled at the configured rate.
 *
 * It supervises itself: a refused or dropped connection, a non-200 answer, a wrong content type or
 * no frame for `stallTimeoutMs` turns into state 'error' or 'stalled' with a sentence for a person,
 * then a reconnect after an exponential backoff with jitter, reset once frames flow again. Nothing
 * throws out of its timers or socket handlers; stop() cancels everything.
 */
import http from 'node:http';
import https from 'node:https';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { CameraState } from '../../contract/dto.js';
import { redactUrl } from './camera-spec.js';
import { DEFAULT_MAX_FRAME_BYTES, JpegSplitter, splitJpegs } from './jpeg-splitter.js';
import { Reconnection, type BackoffOptions, type FailureSentence } from './reconnection.js';
import { formatSeconds, guardEvents, type GuardedEvents } from './source-events.js';
import type { CameraSource, CameraSourceEvents } from './types.js';

export interface MjpegHttpSourceOptions {
  readonly id: string;
  /** The camera URL; may carry credentials, which are used to connect and never shown. */
  readonly url: string;
  /** Poll rate for snapshot (single image/jpeg) URLs. Default 15. */
  readonly fps?: number;
  /** No frame for this long means the camera stalled. Default 5000 ms. */
  readonly stallTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  /** Largest frame accepted, in bytes. Default 16 MB. */
  readonly maxFrameBytes?: number;
  /** Jitter source in [0, 1). Default Math.random. */
  readonly random?: () => number;
  /** Used to pace snapshot polls. Default the system clock. */
  readonly clock?: Clock;
  readonly logger: Logger;
}

interface Connection {
  readonly generation: number;
  request: http.ClientRequest | null;
  /** A response with a 200 status and a usable content type has arrived. */
  answered: boolean;
}

export class MjpegHttpSource implements CameraSource {
  readonly kind = 'mjpeg-url' as const;
  readonly id: string;

  private readonly url: string;
  private readonly shownUrl: string;
  private readonly pollIntervalMs: number;
  private readonly stallTimeoutMs: number;
  private readonly maxFrameBytes: number;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly reconnection: Reconnection;

  private events: GuardedEvents | null = null;
  private connection: Connection | null = null;
  /** Bumped whenever a connection is abandoned, so late callbacks from it are ignored. */
  private generation = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(options: MjpegHttpSourceOptions) {
    const fps = options.fps ?? 15;
    if (!(fps > 0)) throw new RangeError(`fps must be positive, got ${fps}`);
    this.id = options.id;
    this.url = options.url;
    this.shownUrl = redactUrl(options.url);
    this.pollIntervalMs = 1000 / fps;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 5000;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.clock = options.clock ?? systemClock;
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
  }

  /** Starts a fresh connection with its own generation and stall watchdog. */
  private open(): void {
    const connection: Connection = { generation: ++this.generation, request: null, answered: false };
    this.connection = connection;
    this.armWatchdog(connection);
    this.request(connection);
  }

  private request(connection: Connection): void {
    const isCurrent = (): boolean => this.connection === connection && connection.generation === this.generation;
    const requestStartedAt = this.clock.now();
    // Each snapshot poll is a new request: until it answers, silence means "does not answer".
    connection.answered = false;
    let url: URL;
    try {
      url = new URL(this.url);
    } catch {
      this.fail(connection, 'error', (retry) => `The camera URL ${this.shownUrl} is not valid; ${retry}.`);
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    let request: http.ClientRequest;
    try {
      request = client.get(url, { headers: { accept: 'multipart/x-mixed-replace, image/jpeg' } }, (response) => {
        if (!isCurrent()) {
          response.destroy();
          return;
        }
        this.onResponse(connection, response, requestStartedAt);
      });
    } catch (cause) {
      this.fail(
        connection,
        'error',
        (retry) => `The camera at ${this.shownUrl} cannot be reached (${errorCode(cause)}); ${retry}.`,
      );
      return;
    }
    connection.request = request;
    request.on('error', (cause) => {
      if (!isCurrent()) return;
      if (connection.answered) {
        this.fail(connection, 'stalled', (retry) => `The camera at ${this.shownUrl} closed the stream; ${retry}.`);
      } else {
        this.fail(
          connection,
          'error',
          (retry) =>
            `The camera at ${this.shownUrl} does not answer (${errorCode(cause)}). ` +
            `Check that it is powered and on the network; ${retry}.`,
        );
      }
    });
  }

  private onResponse(connection: Connection, response: http.IncomingMessage, requestStartedAt: number): void {
    // A response destroyed with its connection may emit 'error'; without a listener that would crash.
    response.on('error', () => undefined);
    const status = response.statusCode ?? 0;
    if (status !== 200) {
      response.resume();
      const reason = response.statusMessage ? ` (${response.statusMessage})` : '';
      const advice =
        status === 401 || status === 403
          ? 'Check the user name and password in the camera address'
          : 'Check the camera address';
      this.fail(
        connection,
        'error',
        (retry) => `The camera at ${this.shownUrl} answered HTTP ${status}${reason}. ${advice}; ${retry}.`,
      );
      return;
    }
    const contentType = (response.headers['content-type'] ?? '').trim().toLowerCase();
    if (contentType.startsWith('multipart/')) {
      connection.answered = true;
      this.stream(connection, response);
    } else if (contentType.startsWith('image/jpeg') || contentType.startsWith('image/jpg')) {
      connection.answered = true;
      this.snapshot(connection, response, requestStartedAt);
    } else {
      response.resume();
      const sent = contentType === '' ? 'no content type' : (contentType.split(';')[0] ?? contentType);
      this.fail(
        connection,
        'error',
        (retry) =>
          `The camera at ${this.shownUrl} sent ${sent} instead of an MJPEG stream or a JPEG image. ` +
          `Check the camera address; ${retry}.`,
      );
    }
  }

  private stream(connection: Connection, response: http.IncomingMessage): void {
    const splitter = new JpegSplitter({
      maxFrameBytes: this.maxFrameBytes,
      onFrame: (jpeg) => this.deliver(connection, jpeg),
      onDropped: (reason, bytes) => {
        this.logger.debug('camera frame dropped', { camera: this.shownUrl, reason, bytes });
        if (reason !== 'too-large') return;
        // Every frame will be as large: say so now instead of a vague stall later.
        this.fail(
          connection,
          'error',
          (retry) =>
            `The camera at ${this.shownUrl} sends pictures larger than ${Math.round(this.maxFrameBytes / 2 ** 20)} MB. ` +
            `Set it to a lower resolution or JPEG quality; ${retry}.`,
        );
      },
    });
    const closed = (): void =>
      this.fail(connection, 'stalled', (retry) => `The camera at ${this.shownUrl} closed the stream; ${retry}.`);
    response.on('data', (chunk: Buffer) => {
      if (this.connection !== connection) return;
      splitter.push(chunk);
    });
    response.on('end', closed);
    response.on('close', closed);
    response.on('error', closed);
  }

  private snapshot(connection: Connection, response: http.IncomingMessage, requestStartedAt: number): void {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      if (bytes > this.maxFrameBytes) {
        settled = true;
        this.fail(
          connection,
          'error',
          (retry) => `The camera at ${this.shownUrl} sent an image larger than ${this.maxFrameBytes} bytes; ${retry}.`,
        );
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => {
      if (settled || this.connection !== connection) return;
      settled = true;
      const frame = splitJpegs(Buffer.concat(chunks), { maxFrameBytes: this.maxFrameBytes })[0];
      if (frame === undefined) {
        this.fail(
          connection,
          'error',
          (retry) => `The camera at ${this.shownUrl} sent an image/jpeg answer that is not a complete JPEG; ${retry}.`,
        );
        return;
      }
      this.deliver(connection, frame);
      const wait = Math.max(0, requestStartedAt + this.pollIntervalMs - this.clock.now());
      this.pollTimer = setTimeout(() => {
        this.pollTimer = null;
        if (this.connection === connection) this.request(connection);
      }, wait);
    });
    const interrupted = (): void => {
      if (settled) return;
      settled = true;
      this.fail(
        connection,
        'stalled',
        (retry) => `The camera at ${this.shownUrl} closed the connection mid-image; ${retry}.`,
      );
    };
    response.on('close', interrupted);
    response.on('error', interrupted);
  }

  private deliver(connection: Connection, jpeg: Buffer): void {
    if (this.connection !== connection || this.events === null) return;
    this.reconnection.reset();
    this.armWatchdog(connection);
    this.events.onState('running', null);
    this.events.onFrame(jpeg);
  }

  private armWatchdog(connection: Connection): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      const waited = formatSeconds(this.stallTimeoutMs);
      if (connection.answered) {
        this.fail(
          connection,
          'stalled',
          (retry) => `The camera at ${this.shownUrl} sent no picture for ${waited}; ${retry}.`,
        );
      } else {
        this.fail(
          connection,
          'error',
          (retry) =>
            `The camera at ${this.shownUrl} does not answer (no response in ${waited}). ` +
            `Check that it is powered and on the network; ${retry}.`,
        );
      }
    }, this.stallTimeoutMs);
  }

  /** Abandons the connection, reports why, and schedules the next attempt. Ignores stale connections. */
  private fail(
    connection: Connection,
    state: Extract<CameraState, 'error' | 'stalled'>,
    sentence: FailureSentence,
  ): void {
    if (this.connection !== connection || this.events === null) return;
    this.abandon();
    this.reconnection.schedule(this.events, state, sentence, () => {
      if (this.events !== null) this.open();
    });
  }

  /** Cancels every timer and socket of the current connection. */
  private abandon(): void {
    this.generation++;
    const request = this.connection?.request ?? null;
    this.connection = null;
    for (const timer of [this.watchdog, this.pollTimer]) {
      if (timer !== null) clearTimeout(timer);
    }
    this.watchdog = null;
    this.pollTimer = null;
    this.reconnection.cancel();
    request?.destroy();
  }
}

function errorCode(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string')
    return cause.code;
  return cause instanceof Error ? cause.message : String(cause);
}
