/**
 * For tests that drive a whole core: a real core on a fresh data folder in the temp directory, its face engine
 * loaded and a manager account set up, plus `value` to unwrap a command's result (throwing its error).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Caller } from '../../contract/dispatch.js';
import type { Result } from '../../contract/result.js';
import type { Core } from '../core-api.js';
import { createCore, type CoreOptions } from '../create-core.js';
import { memoryLogger } from '../logger.js';

export const TEST_ADMIN: Caller = { role: 'admin', connectionId: 'admin-1' };
export const TEST_MANAGER = { username: 'maria', password: 'correct horse 42' } as const;

/** A command's value, or its error as an exception (tests want the message, not a Result). */
export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export interface TestCore {
  readonly core: Core;
  readonly dataDir: string;
  /** Closes the core and deletes its data folder. */
  close(): Promise<void>;
}

/**
 * Starts a core in browser mode with a USB camera on a new data folder (`prefix` names it), waits for its face
 * engine, and signs up TEST_MANAGER. `engine` picks the face engine (default: the configured backend);
 * `onCoreEvent` subscribes before anything happens, so no event is missed.
 */
export async function startTestCore(
  prefix: string,
  options: Pick<CoreOptions, 'engine'> & { onCoreEvent?: Parameters<Core['onEvent']>[0] } = {},
): Promise<TestCore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `kiosk-${prefix}-`));
  const core = await createCore({
    dataDir,
    camera: 'usb',
    mode: 'browser',
    version: 'test',
    logger: memoryLogger(),
    ...(options.engine ? { engine: options.engine } : {}),
  });
  if (options.onCoreEvent) core.onEvent(options.onCoreEvent);
  await core.visionReady;
  value(await core.call(TEST_ADMIN, 'auth.setupManager', TEST_MANAGER));
  return {
    core,
    dataDir,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
