/**
 * The core's host inside Electron's utilityProcess (bundled to dist/electron/core-host.cjs). It relays
 * the host protocol: 'start' creates the core, 'call' runs a command, core events go back as 'event',
 * 'disconnect' forgets a window's sign-in, 'shutdown' closes the core and exits.
 * It never imports 'electron': the parent port is reached through `process.parentPort`, typed here.
 */
import path from 'node:path';
import { isRole } from '../contract/access.js';
import { fail } from '../contract/result.js';
import { followLanSetting } from '../server/lan-server.js';
import type { Clock } from './clock.js';
import type { Core } from './core-api.js';
import { createCore } from './create-core.js';
import type { CoreToMain, HostStartOptions, MainToCore } from './host-protocol.js';
import { createLogger, type Logger } from './logger.js';

/** The signature of create-core.ts's createCore, written out so the relay does not depend on its internals. */
export type CreateCore = (options: {
  dataDir: string;
  camera: string;
  mode: 'electron' | 'browser';
  version: string;
  logger: Logger;
  clock?: Clock;
  secretKey?: Buffer;
}) => Promise<Core>;

/** The part of Electron's `process.parentPort` (a MessagePortMain) used here. */
export interface ParentPort {
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
  postMessage(message: CoreToMain): void;
}

export interface UtilityHostDeps {
  readonly port: ParentPort;
  readonly createCore: CreateCore;
  /**
   * Serves the staff page to the store's tablets while a manager has that turned on (electron/server/lan-server.ts);
   * the same listener browser mode uses, so Electron kiosks pair tablets too. Returns how to stop it.
   */
  readonly followLan?: (core: Core) => { stop(): Promise<void> } | null;
  readonly logger: Logger;
  exit(code: number): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseStartOptions(value: unknown): HostStartOptions | null {
  if (!isRecord(value)) return null;
  const { dataDir, camera, version, secretKey } = value;
  if (typeof dataDir !== 'string' || typeof camera !== 'string' || typeof version !== 'string') return null;
  if (secretKey !== undefined && typeof secretKey !== 'string') return null;
  return secretKey === undefined ? { dataDir, camera, version } : { dataDir, camera, version, secretKey };
}

/** Narrows a structured-cloned message from main; anything that does not fit the protocol is null. */
export function parseMainMessage(message: unknown): MainToCore | null {
  if (!isRecord(message)) return null;
  switch (message.type) {
    case 'start': {
      const options = parseStartOptions(message.options);
      return options === null ? null : { type: 'start', options };
    }
    case 'call': {
      const { id, role, connectionId, command, payload } = message;
      if (typeof id !== 'number' || !Number.isInteger(id)) return null;
      if (typeof role !== 'string' || !isRole(role)) return null;
      if (typeof connectionId !== 'string' || typeof command !== 'string') return null;
      return { type: 'call', id, role, connectionId, command, payload };
    }
    case 'disconnect':
      return typeof message.connectionId === 'string'
        ? { type: 'disconnect', connectionId: message.connectionId }
        : null;
    case 'shutdown':
      return { type: 'shutdown' };
    default:
      return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function runUtilityHost(deps: UtilityHostDeps): void {
  const { port, logger } = deps;
  let core: Core | null = null;
  let starting: Promise<Core | null> | null = null;
  let unsubscribe: (() => void) | null = null;
  let lan: { stop(): Promise<void> } | null = null;
  let shuttingDown = false;

  const start = (options: HostStartOptions): void => {
    if (starting !== null) {
      logger.warn('ignored a second start message');
      return;
    }
    starting = deps
      .createCore({
        dataDir: options.dataDir,
        camera: options.camera,
        version: options.version,
        mode: 'electron',
        logger,
        ...(options.secretKey === undefined ? {} : { secretKey: Buffer.from(options.secretKey, 'base64') }),
      })
      .then((created) => {
        core = created;
        unsubscribe = created.onEvent((event, payload) => port.postMessage({ type: 'event', event, payload }));
        lan = deps.followLan?.(created) ?? null;
        port.postMessage({ type: 'ready', storeName: created.info.storeName });
        return created;
      })
      .catch((error: unknown) => {
        logger.error('the core could not start', { error: error instanceof Error ? error.stack : String(error) });
        port.postMessage({ type: 'failed', message: `The kiosk core could not start: ${describe(error)}` });
        return null;
      });
  };

  const shutdown = async (): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    // A shutdown that arrives while the core is still starting waits for it, so the database is closed cleanly.
    const current = core ?? (starting === null ? null : await starting);
    unsubscribe?.();
    try {
      await lan?.stop();
      await current?.close();
    } catch (error) {
      logger.error('closing the core failed', { error: describe(error) });
      deps.exit(1);
      return;
    }
    deps.exit(0);
  };

  port.on('message', ({ data }) => {
    const message = parseMainMessage(data);
    if (message === null) {
      logger.warn('dropped a malformed message from the main process');
      return;
    }
    switch (message.type) {
      case 'start':
        start(message.options);
        break;
      case 'call': {
        const { id, role, connectionId, command, payload } = message;
        if (core === null || shuttingDown) {
          port.postMessage({
            type: 'result',
            id,
            result: fail('unavailable', 'The kiosk core is not ready yet. Please try again in a moment.'),
          });
          break;
        }
        // core.call promises never to throw; the catch is there so a broken promise still answers the caller.
        void core
          .call({ role, connectionId }, command, payload)
          .catch((error: unknown) => {
            logger.error('a core call threw', { command, error: describe(error) });
            return fail('internal', `"${command.slice(0, 100)}" failed unexpectedly; the details are in the log.`);
          })
          .then((result) => port.postMessage({ type: 'result', id, result }));
        break;
      }
      case 'disconnect':
        core?.disconnect(message.connectionId);
        break;
      case 'shutdown':
        void shutdown();
        break;
    }
  });
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (parentPort !== undefined) {
  runUtilityHost({
    port: parentPort,
    createCore,
    followLan: (core) => {
      if (core.lan === undefined) return null;
      const logger = createLogger({ scope: 'core-host.lan' });
      // The bundle is dist/electron/core-host.cjs (or inside app.asar); the pages are in dist/renderer.
      return followLanSetting({ core, gate: core.lan, rendererDir: path.resolve(__dirname, '..', 'renderer'), logger });
    },
    logger: createLogger({ scope: 'core-host' }),
    exit: (code) => process.exit(code),
  });
}
