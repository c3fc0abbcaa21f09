/**
 * What the core offers to its hosts (the Electron utility process and the browser-mode server):
 * calls in through the contract's dispatcher, events out, per-connection cleanup.
 */
import type { EventName } from '../contract/access.js';
import type { Caller } from '../contract/dispatch.js';
import type { AppInfo } from '../contract/dto.js';
import type { Result } from '../contract/result.js';
import type { LanGate } from './desktop/lan-pairings.js';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface Core {
  readonly info: AppInfo;
  /** Resolves when the face models are loaded and the camera runs; rejects with a sentence if they cannot. */
  readonly visionReady: Promise<void>;
  /** Validates the caller's role and the payload against the contract, then runs the command. Never throws. */
  call(caller: Caller, command: string, payload: unknown): Promise<Result<unknown>>;
  /** Events for windows; the host delivers each to the roles in EVENT_AUDIENCE. */
  onEvent(listener: EventListener): () => void;
  /** A window connection closed: forget its sign-in. */
  disconnect(connectionId: string): void;
  close(): Promise<void>;
  /** Pairing of clerks' tablets on the store's LAN (browser mode serves them). */
  readonly lan?: LanGate;
}
