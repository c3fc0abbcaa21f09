/**
 * Browser mode for clerks' tablets: when a manager turns it on, a second listener on the store's network serves
 * ONLY the staff page, its assets and its WebSocket. A tablet pairs once with the one-time code shown in the admin
 * window (POST /pair) and gets a long random token as an HttpOnly, SameSite=Strict cookie; every page load and the
 * WebSocket need a token the manager has not revoked. Nothing else of the kiosk (customer display, admin, capture,
 * health) is reachable from the network, and turning LAN access off closes the listener and every tablet's socket.
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { receives, type EventName } from '../contract/access.js';
import { fail } from '../contract/result.js';
import { wsPath, type ServerMessage } from '../contract/wire.js';
import type { Core } from '../core/core-api.js';
import type { LanGate } from '../core/desktop/lan-pairings.js';
import type { Logger } from '../core/logger.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { answerTextMessage, reply } from './socket-messages.js';
import { contentTypeFor, resolveStatic } from './static-files.js';

export const LAN_COOKIE = 'kiosk_tablet';
export const DEFAULT_LAN_PORT = 4871;

export interface LanServerOptions {
  readonly core: Core;
  readonly gate: LanGate;
  readonly rendererDir: string;
  readonly logger: Logger;
  /** 0 picks a free port. */
  readonly port: number;
  /** Address to bind; all interfaces by default (tests bind 127.0.0.1 and call it through that address). */
  readonly bindHost?: string;
  /** Host names a tablet may use (ip:port is added for each); defaults to this machine's IPv4 addresses. */
  readonly addresses?: readonly string[];
}

export interface LanServer {
  readonly port: number;
  readonly urls: readonly string[];
  /** Drops the sockets of tablets whose token is no longer valid (revoked, or LAN access off). */
  recheck(): void;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_PAIR_BODY = 1024;

/** This machine's non-internal IPv4 addresses: the ones a tablet on the store's Wi-Fi can reach. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter(
      (entry): entry is os.NetworkInterfaceInfo => entry !== undefined && entry.family === 'IPv4' && !entry.internal,
    )
    .map((entry) => entry.address);
}

function tokenFrom(cookieHeader: string | undefined): string | null {
  if (cookieHeader === undefined) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === LAN_COOKIE) return rest.join('=');
  }
  return null;
}

/** Staff page and shared assets only; everything else is not served on the LAN. */
function isLanAsset(pathname: string): boolean {
  return pathname === '/staff' || pathname.startsWith('/staff/') || pathname.startsWith('/shared/');
}

const PAIR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pair this tablet — Smart Store Kiosk</title><link rel="stylesheet" href="/shared/base.css"><script src="/pair.js" defer></script></head><body><main style="max-width:28rem;margin:3rem auto;font-family:sans-serif"><h1>Pair this tablet</h1><p>Ask the manager to open a pairing code in the admin window (Kiosk → Tablets), then type its six digits here.</p><form id="pair"><label>Code <input id="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required></label> <button type="submit">Pair</button></form><p id="message" role="status"></p></main></body></html>`;

const PAIR_SCRIPT = `document.getElementById('pair').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('message');
  const code = document.getElementById('code').value.trim();
  const response = await fetch('/pair', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  const body = await response.json().catch(() => ({ message: 'The kiosk did not answer; try again.' }));
  if (response.ok) location.assign('/staff'); else message.textContent = body.message;
});`;

export async function startLanServer(options: LanServerOptions): Promise<LanServer> {
  const { core, gate, logger } = options;
  let hosts = new Set<string>();
  let nextConnection = 1;
  const sockets = new Map<WebSocket, { token: string; connectionId: string }>();

  const server = http.createServer((req, res) => {
    const send = (
      status: number,
      body: string,
      type = 'text/plain; charset=utf-8',
      extra: Record<string, string> = {},
    ): void => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
      res.end(body);
    };
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) return send(421, 'Unknown host.');
    if (!gate.enabled()) return send(403, 'This kiosk does not serve tablets at the moment.');
    const url = new URL(req.url ?? '/', 'http://lan');
    if (url.pathname === '/pair' && req.method === 'POST') return void pair(req, res, send);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed.');
    if (url.pathname === '/pair') return send(200, PAIR_PAGE, 'text/html; charset=utf-8');
    if (url.pathname === '/pair.js') return send(200, PAIR_SCRIPT, 'text/javascript; charset=utf-8');
    if (url.pathname === '/') return send(302, '', 'text/plain', { Location: '/staff' });
    if (!isLanAsset(url.pathname)) return send(404, 'Not found.');
    const token = tokenFrom(req.headers.cookie);
    if (token === null || gate.verify(token) === null) {
      return url.pathname === '/staff'
        ? send(302, '', 'text/plain', { Location: '/pair' })
        : send(401, 'Pair this tablet first.');
    }
    const file = resolveStatic(options.rendererDir, url.pathname);
    const type = file === null ? null : contentTypeFor(file);
    if (file === null || type === null) return send(404, 'Not found.');
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return send(404, 'Not found.');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(stat.size) });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, 'Not found.');
    }
  });

  function pair(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    send: (status: number, body: string, type?: string, extra?: Record<string, string>) => void,
  ): void {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
      return send(403, JSON.stringify({ message: 'Pair from the pairing page of this kiosk.' }), 'application/json');
    }
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
      if (body.length > MAX_PAIR_BODY) req.destroy();
    });
    req.on('end', () => {
      let code = '';
      try {
        const parsed: unknown = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && 'code' in parsed && typeof parsed.code === 'string')
          code = parsed.code.trim();
      } catch {
        // handled below as a wrong code
      }
      const outcome = /^\d{6}$/.test(code)
        ? gate.redeem(code)
        : { ok: false as const, message: 'Type the six digits of the pairing code.' };
      if (!outcome.ok) {
        logger.warn('refused a tablet pairing', { remote: req.socket.remoteAddress ?? null });
        return send(400, JSON.stringify({ message: outcome.message }), 'application/json');
      }
      logger.info('paired a tablet', { pairingId: outcome.pairingId, remote: req.socket.remoteAddress ?? null });
      send(200, JSON.stringify({ paired: true }), 'application/json', {
        'Set-Cookie': `${LAN_COOKIE}=${outcome.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000`,
      });
    });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://lan');
    const host = (req.headers.host ?? '').toLowerCase();
    const token = tokenFrom(req.headers.cookie);
    const allowed =
      gate.enabled() &&
      hosts.has(host) &&
      req.headers.origin === `http://${host}` &&
      url.pathname === wsPath('staff') &&
      token !== null &&
      gate.verify(token) !== null;
    if (!allowed || token === null) {
      logger.warn('refused a LAN WebSocket', { path: url.pathname, remote: req.socket.remoteAddress ?? null });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connectionId = `lan-${nextConnection++}`;
      sockets.set(ws, { token, connectionId });
      ws.on('message', (data, isBinary) => void onMessage(ws, connectionId, data, isBinary));
      ws.on('close', () => {
        sockets.delete(ws);
        core.disconnect(connectionId);
      });
      ws.on('error', (error) => logger.warn('LAN WebSocket error', { connectionId, error: error.message }));
    });
  });

  async function onMessage(ws: WebSocket, connectionId: string, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      reply(ws, {
        type: 'result',
        id: null,
        result: fail('malformed_message', 'A tablet sends calls as JSON text only.'),
      });
      return;
    }
    // The role is fixed: a tablet is a staff window, whatever it asks for; the dispatcher checks the command.
    await answerTextMessage(ws, core, { role: 'staff', connectionId }, data);
  }

  const unsubscribe = core.onEvent((event: EventName, payload: unknown) => {
    if (!receives('staff', event)) return;
    const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerMessage);
    for (const ws of sockets.keys()) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bindHost ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const addresses = options.addresses ?? lanAddresses();
  hosts = new Set(addresses.map((address) => `${address}:${port}`.toLowerCase()));
  const urls = addresses.map((address) => `http://${address}:${port}/staff`);

  return {
    port,
    urls,
    recheck() {
      for (const [ws, { token }] of sockets) {
        if (gate.verify(token) === null) ws.close(4001, 'This tablet was unpaired by the manager.');
      }
    },
    close: async () => {
      unsubscribe();
      for (const ws of sockets.keys()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Keeps the LAN listener in step with the manager's switch: started when LAN access is on, closed when off,
 * tablets re-checked when one is revoked. Returns a function that stops following and closes the listener.
 */
export function followLanSetting(options: Omit<LanServerOptions, 'port'> & { readonly port?: number }): {
  stop(): Promise<void>;
  current(): LanServer | null;
  settled(): Promise<void>;
} {
  let server: LanServer | null = null;
  let chain: Promise<void> = Promise.resolve();
  const sync = (): void => {
    chain = chain.then(async () => {
      const want = options.gate.enabled();
      if (want && server === null) {
        try {
          server = await startLanServer({ ...options, port: options.port ?? DEFAULT_LAN_PORT });
          options.gate.setUrls(server.urls);
          options.logger.info('serving the staff page to tablets', { urls: server.urls });
        } catch (error) {
          options.logger.error('could not serve tablets on the network', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      } else if (!want && server !== null) {
        await server.close();
        server = null;
        options.gate.setUrls([]);
        options.logger.info('stopped serving tablets');
      } else {
        server?.recheck();
      }
    });
  };
  const unsubscribe = options.core.onEvent((event) => {
    if (event === 'lan.changed') sync();
  });
  sync();
  return {
    stop: async () => {
      unsubscribe();
      await chain;
      await server?.close();
      server = null;
    },
    current: () => server,
    settled: () => chain,
  };
}
