/**
 * Messages between the Electron main process and the core running in a utilityProcess.
 * Main has already mapped the sending window to its role; the core checks access again (defence in depth).
 */
import type { EventName, Role } from '../contract/access.js';
import type { Result } from '../contract/result.js';

export interface HostStartOptions {
  readonly dataDir: string;
  readonly camera: string;
  readonly version: string;
  /** The secret store's key (base64), unwrapped by main with safeStorage; absent when the OS has no keychain. */
  readonly secretKey?: string;
}

export type MainToCore =
  | { readonly type: 'start'; readonly options: HostStartOptions }
  | {
      readonly type: 'call';
      readonly id: number;
      readonly role: Role;
      readonly connectionId: string;
      readonly command: string;
      readonly payload: unknown;
    }
  | { readonly type: 'disconnect'; readonly connectionId: string }
  | { readonly type: 'shutdown' };

export type CoreToMain =
  | { readonly type: 'ready'; readonly storeName: string }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly event: EventName; readonly payload: unknown };
