/**
 * Hardening: EVERY command sent from EVERY window role that may not call it, and malformed payloads for EVERY
 * command, through the real dispatcher (the core), the Electron IPC gate and the browser-mode WebSocket server.
 * Each must be refused with a clear error that names what was wrong, and the connection must keep working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COMMAND_ACCESS, COMMAND_NAMES, ROLES, mayCall, type CommandName, type Role } from '../contract/access.js';
import type { Core } from '../core/core-api.js';
import { createCore } from '../core/create-core.js';
import { memoryLogger } from '../core/logger.js';
import { authorizeCall } from '../main/call-gate.js';
import { startBrowserServer, type BrowserServer } from './browser-server.js';

interface WireResult {
  ok: boolean;
  error?: { code: string; message: string };
}

let dataDir: string;
let core: Core;
let server: BrowserServer;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-refusals-'));
  core = await createCore({
    dataDir,
    camera: 'http://127.0.0.1:9/stream.mjpeg',
    mode: 'browser',
    version: 'test',
    logger: memoryLogger(),
    // Refusals happen before any handler runs: no face model is needed, so none is loaded.
    engine: () => Promise.reject(new Error('no face engine in this test')),
  });
  server = await startBrowserServer({ core, rendererDir: path.join(dataDir, 'none'), logger: memoryLogger(), port: 0 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const forbiddenPairs: [Role, CommandName][] = ROLES.flatMap((role) =>
  COMMAND_NAMES.filter((command) => !mayCall(role, command)).map((command): [Role, CommandName] => [role, command]),
);

/** Payloads no command accepts: not an object, an array, a key no schema has. */
const MALFORMED: readonly [string, unknown][] = [
  ['a number', 42],
  ['a string', 'hello'],
  ['an array', [1, 2]],
  ['an unexpected key', { unexpectedKey: true }],
];

/** A role that may call the command (every command has one). */
function allowedRole(command: CommandName): Role {
  const role = COMMAND_ACCESS[command][0];
  if (role === undefined) throw new Error(`${command} has no role`);
  return role;
}

function expectForbidden(result: WireResult, role: Role, command: CommandName): void {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('forbidden');
  expect(result.error?.message).toBe(
    `The ${role} window may not call "${command}" (allowed: ${COMMAND_ACCESS[command].join(', ')}).`,
  );
}

describe('refusals through the core dispatcher', () => {
  it('covers every command, and each command has at least one role that may not call it or is open to all', () => {
    expect(forbiddenPairs.length).toBeGreaterThan(COMMAND_NAMES.length);
  });

  it('refuses every command from every role that may not call it', async () => {
    for (const [role, command] of forbiddenPairs) {
      expectForbidden(await core.call({ role, connectionId: 'test' }, command, {}), role, command);
    }
  });

  it('refuses malformed payloads for every command with a sentence naming the command', async () => {
    for (const command of COMMAND_NAMES) {
      for (const [name, payload] of MALFORMED) {
        const result = await core.call({ role: allowedRole(command), connectionId: 'test' }, command, payload);
        expect(result.ok, `${command} accepted ${name}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code, `${command} with ${name}`).toBe('invalid_payload');
          expect(result.error.message).toMatch(new RegExp(`^Invalid input for "${command.replace('.', '\\.')}": .+`));
        }
      }
    }
  });

  it('refuses a command that does not exist, without echoing more than 100 characters of it', async () => {
    const result = await core.call({ role: 'admin', connectionId: 'test' }, `x${'y'.repeat(500)}`, {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unknown_command');
      expect(result.error.message.length).toBeLessThan(140);
    }
  });

  it('refuses the shell-only display report from a window connection', async () => {
    const result = await core.call({ role: 'admin', connectionId: 'window-3' }, 'kiosk.reportDisplays', {
      displays: [],
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the desktop shell reports the connected screens.' },
    });
  });
});

describe('refusals at the Electron IPC gate', () => {
  it('refuses every command from every window role that may not call it', () => {
    for (const [role, command] of forbiddenPairs) {
      expectForbidden(authorizeCall({ role, frameOrigin: 'app://kiosk', isMainFrame: true }, command), role, command);
    }
  });

  it('refuses any command from a window the shell did not create, a foreign origin or a subframe', () => {
    for (const command of COMMAND_NAMES) {
      const role = allowedRole(command);
      expect(authorizeCall({ role: null, frameOrigin: 'app://kiosk', isMainFrame: true }, command).ok).toBe(false);
      expect(authorizeCall({ role, frameOrigin: 'https://evil.example', isMainFrame: true }, command).ok).toBe(false);
      expect(authorizeCall({ role, frameOrigin: 'app://kiosk', isMainFrame: false }, command).ok).toBe(false);
    }
  });
});

describe('refusals through the browser-mode WebSocket server', () => {
  async function session(role: Role) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/${role}`, { headers: { Origin: server.origin } });
    const pending = new Map<number, (result: WireResult) => void>();
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id: number | null; result?: WireResult };
      if (message.type === 'result' && message.id !== null && message.result !== undefined) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    let nextId = 1;
    const call = (command: string, payload: unknown): Promise<WireResult> => {
      const id = nextId++;
      const answer = new Promise<WireResult>((resolve) => pending.set(id, resolve));
      ws.send(JSON.stringify({ type: 'call', id, command, payload }));
      return answer;
    };
    return { call, close: () => ws.close() };
  }

  it('refuses every command from every role that may not call it, and the socket keeps working', async () => {
    for (const role of ROLES) {
      const socket = await session(role);
      for (const command of COMMAND_NAMES.filter((name) => !mayCall(role, name))) {
        expectForbidden(await socket.call(command, {}), role, command);
      }
      expect((await socket.call('app.info', {})).ok).toBe(true);
      socket.close();
    }
  });

  it('refuses malformed payloads for every command over the socket', async () => {
    const sockets = new Map<Role, Awaited<ReturnType<typeof session>>>();
    for (const command of COMMAND_NAMES) {
      const role = allowedRole(command);
      let socket = sockets.get(role);
      if (socket === undefined) {
        socket = await session(role);
        sockets.set(role, socket);
      }
      for (const [name, payload] of MALFORMED) {
        const result = await socket.call(command, payload);
        expect(result.ok, `${command} accepted ${name} over the socket`).toBe(false);
        expect(result.error?.code).toBe('invalid_payload');
        expect(result.error?.message).toContain(`Invalid input for "${command}"`);
      }
    }
    for (const socket of sockets.values()) socket.close();
  });
});
