/**
 * Browser mode's transport against the real core: the role comes from the WebSocket path, every payload is
 * validated, bad input gets a clear error and the connection (and the app) keeps working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CameraStatus } from '../contract/dto.js';
import { createCore } from '../core/create-core.js';
import type { Core } from '../core/core-api.js';
import { memoryLogger } from '../core/logger.js';
import { startBrowserServer, type BrowserServer } from './browser-server.js';

interface Reply {
  type: string;
  id?: number | null;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  event?: string;
  payload?: unknown;
}

let dataDir: string;
let core: Core;
let server: BrowserServer;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-server-'));
  // Port 9 on loopback: nothing listens there, so this is a camera that does not answer.
  core = await createCore({
    dataDir,
    camera: 'http://127.0.0.1:9/stream.mjpeg',
    mode: 'browser',
    version: 'test',
    logger: memoryLogger(),
  });
  server = await startBrowserServer({
    core,
    rendererDir: path.join(dataDir, 'no-renderer'),
    logger: memoryLogger(),
    port: 0,
  });
}, 180_000);

afterAll(async () => {
  await server.close();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function connect(
  role: string,
  origin = server.origin,
): Promise<{ ws: WebSocket; replies: Reply[]; next: () => Promise<Reply> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/${role}`, { headers: { Origin: origin } });
  const replies: Reply[] = [];
  const waiters: ((reply: Reply) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString()) as Reply;
    if (reply.type !== 'result') return;
    const waiter = waiters.shift();
    if (waiter) waiter(reply);
    else replies.push(reply);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = () =>
    new Promise<Reply>((resolve) => {
      const queued = replies.shift();
      if (queued) resolve(queued);
      else waiters.push(resolve);
    });
  return { ws, replies, next };
}

async function call(role: string, command: string, payload: unknown): Promise<Reply> {
  const { ws, next } = await connect(role);
  ws.send(JSON.stringify({ type: 'call', id: 1, command, payload }));
  const reply = await next();
  ws.close();
  return reply;
}

describe('browser-mode server', () => {
  it('answers a call from a window allowed to make it', async () => {
    const reply = await call('staff', 'orders.listOpen', {});
    expect(reply.result?.ok).toBe(true);
    expect(Array.isArray(reply.result?.value)).toBe(true);
  });

  it('refuses a command from a window that may not call it, with a clear error', async () => {
    const reply = await call('customer', 'orders.advance', { orderId: 1, to: 'ready', clerk: 'x' });
    expect(reply.result?.ok).toBe(false);
    expect(reply.result?.error?.code).toBe('forbidden');
    expect(reply.result?.error?.message).toMatch(/customer window may not call "orders.advance"/);
  });

  it('refuses an invalid payload naming the field', async () => {
    const reply = await call('staff', 'orders.advance', { orderId: 'ten', to: 'ready', clerk: 'Sam' });
    expect(reply.result?.error?.code).toBe('invalid_payload');
    expect(reply.result?.error?.message).toMatch(/orderId/);
  });

  it('answers a malformed message with an error and keeps the connection usable', async () => {
    const { ws, next } = await connect('staff');
    ws.send('{not json');
    expect((await next()).result?.error?.code).toBe('malformed_message');
    ws.send(JSON.stringify({ hello: 'world' }));
    expect((await next()).result?.error?.code).toBe('malformed_message');
    ws.send(JSON.stringify({ type: 'call', id: 7, command: 'alerts.list', payload: {} }));
    const reply = await next();
    expect(reply.id).toBe(7);
    expect(reply.result?.ok).toBe(true);
    ws.close();
  });

  it('refuses a WebSocket opened from another site', async () => {
    await expect(connect('staff', 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('refuses a WebSocket for a role that does not exist', async () => {
    await expect(connect('root')).rejects.toThrow(/403/);
  });

  it('refuses requests for a host name that is not ours (DNS rebinding)', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: '/healthz', headers: { Host: 'attacker.example' } },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(response).toBe(421);
  });

  it('requires a manager sign-in before listing customers', async () => {
    const reply = await call('admin', 'customers.list', {});
    expect(reply.result?.error?.code).toBe('unauthenticated');
  });

  it('reports a camera that does not answer as an error with a sentence, and keeps serving', async () => {
    await core.visionReady;
    let status: CameraStatus | undefined;
    for (let i = 0; i < 40; i += 1) {
      const reply = await call('staff', 'camera.status', {});
      status = (reply.result?.value as CameraStatus[] | undefined)?.[0];
      if (status && status.state !== 'starting') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status?.state).toMatch(/error|stalled/);
    expect(status?.lastError).toMatch(/127\.0\.0\.1:9/);
    expect((await call('staff', 'orders.listOpen', {})).result?.ok).toBe(true);
  });
});
