/**
 * Tablets on the store's LAN against the real core: nothing is served until a manager turns LAN access on; then
 * only the staff page, after pairing with the one-time code; the WebSocket is a staff connection whatever it asks;
 * a revoked tablet is cut off at once; turning LAN access off closes the listener.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LanStatus } from '../contract/desktop.js';
import type { Core } from '../core/core-api.js';
import { createCore } from '../core/create-core.js';
import { memoryLogger } from '../core/logger.js';
import { followLanSetting, LAN_COOKIE } from './lan-server.js';

let dataDir: string;
let core: Core;
let lan: ReturnType<typeof followLanSetting>;
const manager = { role: 'admin' as const, connectionId: 'lan-test-admin' };

async function admin<T>(command: string, payload: unknown = {}): Promise<T> {
  const result = await core.call(manager, command, payload);
  if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-lan-'));
  const rendererDir = path.join(dataDir, 'renderer');
  for (const role of ['staff', 'admin', 'shared']) mkdirSync(path.join(rendererDir, role), { recursive: true });
  writeFileSync(path.join(rendererDir, 'staff', 'index.html'), '<!doctype html><title>Staff</title>');
  writeFileSync(path.join(rendererDir, 'admin', 'index.html'), '<!doctype html><title>Admin</title>');
  writeFileSync(path.join(rendererDir, 'shared', 'base.css'), 'body{}');
  core = await createCore({
    dataDir,
    camera: 'http://127.0.0.1:9/stream.mjpeg',
    mode: 'browser',
    version: 'test',
    logger: memoryLogger(),
    engine: () => Promise.reject(new Error('no face engine in this test')),
  });
  await admin('auth.setupManager', { username: 'manager', password: 'correct horse battery' });
  if (core.lan === undefined) throw new Error('the core has no LAN gate');
  // Bound to loopback and addressed as 127.0.0.1 here; in a store it binds every interface and uses the LAN IPs.
  lan = followLanSetting({
    core,
    gate: core.lan,
    rendererDir,
    logger: memoryLogger(),
    port: 0,
    bindHost: '127.0.0.1',
    addresses: ['127.0.0.1'],
  });
  await lan.settled();
}, 120_000);

afterAll(async () => {
  await lan?.stop();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function base(): string {
  const server = lan.current();
  if (server === null) throw new Error('the LAN listener is not running');
  return `http://127.0.0.1:${server.port}`;
}

async function pair(code: string): Promise<{ status: number; cookie: string | null; body: { message?: string } }> {
  const response = await fetch(`${base()}/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base() },
    body: JSON.stringify({ code }),
  });
  const cookie = response.headers.get('set-cookie');
  return {
    status: response.status,
    cookie: cookie === null ? null : (cookie.split(';')[0] ?? null),
    body: (await response.json()) as { message?: string },
  };
}

function openSocket(
  cookie: string | null,
  pathname = '/ws/staff',
): Promise<{ ws: WebSocket; call(command: string): Promise<{ ok: boolean; error?: { code: string } }> } | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(base()).port}${pathname}`, {
      headers: { Origin: base(), ...(cookie === null ? {} : { Cookie: cookie }) },
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      let id = 1;
      resolve({
        ws,
        call: (command) =>
          new Promise((answer) => {
            const mine = id++;
            const listener = (data: Buffer) => {
              const message = JSON.parse(data.toString()) as {
                type: string;
                id: number;
                result: { ok: boolean; error?: { code: string } };
              };
              if (message.type === 'result' && message.id === mine) {
                ws.off('message', listener);
                answer(message.result);
              }
            };
            ws.on('message', listener);
            ws.send(JSON.stringify({ type: 'call', id: mine, command, payload: {} }));
          }),
      });
    });
  });
}

describe('LAN tablets', () => {
  it('listens on the network only after a manager turns LAN access on', async () => {
    expect(lan.current()).toBeNull();
    const status = await admin<LanStatus>('lan.setEnabled', { enabled: true });
    expect(status.enabled).toBe(true);
    await lan.settled();
    expect(lan.current()).not.toBeNull();
    expect((await admin<LanStatus>('lan.status')).urls).toEqual([`${base()}/staff`]);
  });

  it('serves no page before pairing, and never the admin or customer pages', async () => {
    const staff = await fetch(`${base()}/staff`, { redirect: 'manual' });
    expect([staff.status, staff.headers.get('location')]).toEqual([302, '/pair']);
    expect((await fetch(`${base()}/admin`)).status).toBe(404);
    expect((await fetch(`${base()}/healthz`)).status).toBe(404);
    expect((await fetch(`${base()}/pair`)).status).toBe(200);
    expect(await openSocket(null)).toBe(403);
  });

  it('refuses a wrong code and a request for another host name', async () => {
    await admin('lan.newCode', { label: 'Pickup counter' });
    expect(await pair('12345')).toMatchObject({
      status: 400,
      body: { message: 'Type the six digits of the pairing code.' },
    });
    // fetch() always sends the real Host; a raw request can claim another one (DNS rebinding).
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port: new URL(base()).port, path: '/pair', headers: { Host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      request.on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('pairs with the one-time code, then serves the staff page and a staff-only socket', async () => {
    const status = await admin<LanStatus>('lan.newCode', { label: 'Pickup counter' });
    const paired = await pair(status.code?.code ?? '');
    expect(paired.status).toBe(200);
    expect(paired.cookie).toMatch(new RegExp(`^${LAN_COOKIE}=.{40,}`));
    const page = await fetch(`${base()}/staff`, { headers: { Cookie: paired.cookie ?? '' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Staff</title>');
    expect(await openSocket(paired.cookie, '/ws/admin')).toBe(403);
    const socket = await openSocket(paired.cookie);
    if (typeof socket === 'number') throw new Error(`socket refused: ${socket}`);
    expect((await socket.call('orders.listOpen')).ok).toBe(true);
    expect(await socket.call('customers.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    socket.ws.close();
  });

  it('cuts a revoked tablet off at once', async () => {
    const status = await admin<LanStatus>('lan.newCode', { label: 'Back office' });
    const paired = await pair(status.code?.code ?? '');
    const socket = await openSocket(paired.cookie);
    if (typeof socket === 'number') throw new Error(`socket refused: ${socket}`);
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
    const pairing = (await admin<LanStatus>('lan.status')).pairings.find((p) => p.label === 'Back office');
    await admin('lan.revoke', { pairingId: pairing?.id });
    await lan.settled();
    expect(await closed).toBe(4001);
    expect(await openSocket(paired.cookie)).toBe(403);
  });

  it('stops listening when a manager turns LAN access off', async () => {
    await admin('lan.setEnabled', { enabled: false });
    await lan.settled();
    expect(lan.current()).toBeNull();
  });
});
