/**
 * The core process for real, without Electron: the utility host bundled as the build bundles it, run in a
 * Node child whose `process.parentPort` is a small shim over Node's IPC, driven by createCoreProcess.
 * Proves the host protocol end to end against the real core: start, calls, refusals, shutdown.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../contract/access.js';
import { fixedClock } from '../core/clock.js';
import { memoryLogger } from '../core/logger.js';
import { createCoreProcess, type CoreChild, type CoreProcess } from './core-process.js';
import { createRestartPolicy } from './restart-policy.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clip = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');

// Stands in for Electron's utilityProcess: `process.parentPort` over Node's own IPC channel.
const SHIM = `
const port = {
  on: (_event, listener) => process.on('message', (data) => listener({ data })),
  postMessage: (message) => process.send(message),
};
Object.defineProperty(process, 'parentPort', { value: port });
require(process.argv[2]);
`;

let workDir: string;
let hostBundle: string;
let shim: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-core-host-'));
  hostBundle = path.join(workDir, 'core-host.cjs');
  shim = path.join(workDir, 'parent-port-shim.cjs');
  writeFileSync(shim, SHIM);
  await build({
    entryPoints: [path.join(repoRoot, 'electron/core/utility-host.ts')],
    outfile: hostBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'sharp', 'onnxruntime-node', '@vladmandic/human', '@tensorflow/*', 'ws'],
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function startCore(dataDir: string): { core: CoreProcess; events: EventName[] } {
  const events: EventName[] = [];
  const core = createCoreProcess({
    fork: (): CoreChild => {
      const child = fork(shim, [hostBundle], {
        serialization: 'advanced',
        // The bundle lives outside the repo: its external packages come from the repo's node_modules.
        env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      });
      return {
        postMessage: (message) => void child.send(message),
        onMessage: (listener) => void child.on('message', listener),
        onExit: (listener) => void child.on('exit', (code) => listener(code ?? -1)),
        kill: () => void child.kill(),
      };
    },
    start: { dataDir, camera: clip, version: '0.0.0-test' },
    policy: createRestartPolicy({ maxRestarts: 0, windowMs: 1, clock: fixedClock(0) }),
    logger: memoryLogger(),
    onEvent: (event) => events.push(event),
    onFailed: () => undefined,
    onGaveUp: () => undefined,
  });
  return { core, events };
}

describe('core host in a child process', () => {
  it('starts the real core, answers calls, refuses a role the core does not allow, and shuts down', async () => {
    const dataDir = mkdtempSync(path.join(workDir, 'data-'));
    const { core } = startCore(dataDir);
    const started = await core.start();
    expect(started.ok, started.ok ? '' : started.message).toBe(true);

    const info = await core.call('customer', 'window-1', 'app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { mode: 'electron', version: '0.0.0-test', camera: { kind: 'mjpeg-file' } },
    });

    // The shell refuses this before it reaches the core; the core refuses it again on its own.
    const erase = await core.call('staff', 'window-2', 'customers.erase', { customerId: 'someone' });
    expect(erase).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await core.shutdown(60_000);
    await expect(core.call('customer', 'window-1', 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('reports a clear failure when the core cannot start', async () => {
    const { core } = startCore(path.join(workDir, 'missing-parent', '\0bad'));
    const started = await core.start();
    expect(started.ok).toBe(false);
    expect(!started.ok && started.message).toMatch(/^The kiosk core could not start: .+/);
    await core.shutdown(10_000);
  });
});
