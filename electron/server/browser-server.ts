/**
 * Browser mode: serves the windows over HTTP and connects them to the core over WebSocket, on loopback only.
 * The window role comes from the WebSocket path the page opened (the page cannot change it by message), and every
 * call goes through the same contract dispatcher as Electron IPC.
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isRole, receives, type EventName, type Role } from '../contract/access.js';
import type { ServerMessage } from '../contract/wire.js';
import type { Core } from '../core/core-api.js';
import type { Logger } from '../core/logger.js';
import { answerTextMessage, rawBytes, reply } from './socket-messages.js';
import { SECURITY_HEADERS, allowedHosts, isAllowedHost, isAllowedOrigin } from './security-headers.js';
import { contentTypeFor, resolveStatic } from './static-files.js';

export interface BrowserServerOptions {
  readonly core: Core;
  readonly rendererDir: string;
  readonly logger: Logger;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
}

export interface BrowserServer {
  readonly port: number;
  readonly origin: string;
  urlFor(role: Role): string;
  /** Open WebSocket connections, for health and tests. */
  connections(): number;
  close(): Promise<void>;
}

/** Largest message accepted from a window: a camera frame (JPEG) is the biggest thing a page sends. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, logger } = options;
  const bindHost = options.host ?? '127.0.0.1';
  let hosts = new Set<string>();
  let nextConnection = 1;
  let vision: 'loading' | 'ready' | 'failed' = 'loading';
  core.visionReady.then(
    () => (vision = 'ready'),
    () => (vision = 'failed'),
  );
  const sockets = new Map<WebSocket, { role: Role; connectionId: string }>();

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
      res.end(body);
    };
    if (!isAllowedHost(req.headers.host, hosts)) return send(421, 'Unknown host.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed.');
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/') return send(200, indexPage(), 'text/html; charset=utf-8');
    if (url.pathname === '/healthz') {
      return send(
        200,
        JSON.stringify({ ok: true, vision, connections: sockets.size, store: core.info.storeName }),
        'application/json',
      );
    }
    const file = resolveStatic(options.rendererDir, url.pathname);
    const type = file ? contentTypeFor(file) : null;
    if (!file || !type) return send(404, 'Not found.');
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return send(404, 'Not found.');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(stat.size) });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, 'Not found. Run `npm run build` if the windows were never built.');
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = /^\/ws\/([a-z]+)$/.exec(url.pathname);
    const role = match?.[1];
    if (
      !isAllowedHost(req.headers.host, hosts) ||
      !isAllowedOrigin(req.headers.origin, hosts) ||
      !role ||
      !isRole(role)
    ) {
      logger.warn('refused a WebSocket connection', { path: url.pathname, origin: req.headers.origin ?? null });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connectionId = `ws-${nextConnection++}`;
      sockets.set(ws, { role, connectionId });
      ws.on('message', (data, isBinary) => void onMessage(ws, role, connectionId, data, isBinary));
      ws.on('close', () => {
        sockets.delete(ws);
        core.disconnect(connectionId);
      });
      ws.on('error', (error) => logger.warn('WebSocket error', { connectionId, error: error.message }));
    });
  });

  async function onMessage(
    ws: WebSocket,
    role: Role,
    connectionId: string,
    data: RawData,
    isBinary: boolean,
  ): Promise<void> {
    const caller = { role, connectionId };
    if (isBinary) {
      // A binary message is a camera frame from the capture window; the dispatcher still checks the role.
      const bytes = rawBytes(data);
      const result = await core.call(caller, 'camera.pushFrame', { jpeg: bytes });
      if (!result.ok) reply(ws, { type: 'result', id: null, result });
      return;
    }
    await answerTextMessage(ws, core, caller, data);
  }

  const unsubscribe = core.onEvent((event: EventName, payload: unknown) => {
    const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerMessage);
    for (const [ws, { role }] of sockets) {
      if (receives(role, event) && ws.readyState === ws.OPEN) ws.send(text);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    urlFor: (role) => `${origin}/${role}`,
    connections: () => sockets.size,
    close: async () => {
      unsubscribe();
      for (const ws of sockets.keys()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function indexPage(): string {
  const links = ['customer', 'staff', 'admin']
    .map((role) => `<li><a href="/${role}">${role[0]?.toUpperCase()}${role.slice(1)} window</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Smart Store Kiosk</title></head><body><h1>Smart Store Kiosk</h1><ul>${links}</ul><p>USB camera capture runs in <a href="/capture">/capture</a>.</p></body></html>`;
}
