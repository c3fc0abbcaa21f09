/**
 * The retry half of a network camera source (MJPEG/snapshot over HTTP, RTSP through ffmpeg): after a failure it
 * says why with the delay in the sentence, waits an exponential backoff with jitter, then reopens; frames flowing
 * again reset the backoff. The sources keep what differs (how to connect, what a stall means); this keeps the
 * counting, the timer and the delays, once.
 */
import type { CameraState } from '../../contract/dto.js';
import type { Logger } from '../logger.js';
import { formatSeconds, type GuardedEvents } from './source-events.js';

export interface BackoffOptions {
  /** First reconnect delay in ms. Default 500. */
  readonly initialMs?: number;
  /** Largest reconnect delay in ms. Default 30,000. */
  readonly maxMs?: number;
}

/** Builds the sentence a failure is reported with, given "retrying in N s". */
export type FailureSentence = (retry: string) => string;

export class Reconnection {
  /** Failures since frames last flowed: the backoff exponent. */
  private failures = 0;
  private reconnectCount = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly initialMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly shownUrl: string,
    backoff: BackoffOptions | undefined,
    /** Jitter source in [0, 1). */
    private readonly random: () => number,
    private readonly logger: Logger,
  ) {
    this.initialMs = backoff?.initialMs ?? 500;
    this.maxMs = backoff?.maxMs ?? 30_000;
  }

  /** Reconnects made since the source was created. */
  get reconnects(): number {
    return this.reconnectCount;
  }

  /** A fresh start (or frames flowing again): the next failure waits the shortest delay. */
  reset(): void {
    this.failures = 0;
  }

  /** Reports the failure as `state` with its sentence, then calls `reopen` after the backoff (unless cancelled). */
  schedule(
    events: GuardedEvents,
    state: Extract<CameraState, 'error' | 'stalled'>,
    sentence: FailureSentence,
    reopen: () => void,
  ): void {
    this.cancel();
    const delay = this.nextDelay();
    this.failures++;
    const message = sentence(`retrying in ${formatSeconds(delay)}`);
    this.logger.warn('camera connection failed', { camera: this.shownUrl, state, message, delayMs: Math.round(delay) });
    events.onState(state, message);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reconnectCount++;
      reopen();
    }, delay);
  }

  /** Drops a pending reconnect (the source stopped or was restarted). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** initialMs doubling per failure up to maxMs, with ±25% jitter so many kiosks do not retry in step. */
  private nextDelay(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.failures);
    return Math.min(this.maxMs, base * (0.75 + 0.5 * this.random()));
  }
}
