/**
 * A test MJPEG camera on 127.0.0.1 and a free port, for camera tests and end-to-end tests. It
 * streams the given JPEGs in a loop as multipart/x-mixed-replace (or answers one image/jpeg per
 * request, or any other content type with an HTML page), and can misbehave on demand: die
 * abruptly, come back on the same port, stall mid-frame, send garbage between frames.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StartMjpegServerOptions {
  /** Frames per second sent to each streaming client. Default 15. */
  readonly fps?: number;
  /** Frames to loop over; more can be set later with setFrames. */
  readonly frames?: readonly Buffer[];
}

export interface MjpegServer {
  /** http://127.0.0.1:<port>/stream.mjpeg */
  readonly url: string;
  readonly port: number;
  /** HTTP requests answered so far (across restarts). */
  readonly requests: number;
  /** Streaming clients connected now. */
  readonly clients: number;
  setFrames(jpegs: readonly Buffer[]): void;
  /** Content type of later answers: multipart/... streams, image/jpeg snapshots, anything else HTML. */
  setContentType(type: string): void;
  /** Each connected client gets half of its next frame, then nothing more (the connection stays open). */
  stallNextFrame(): void;
  /** Each connected client gets garbage bytes before its next frame. */
  sendGarbage(bytes?: Buffer): void;
  /** Destroys every socket abruptly and stops listening. */
  kill(): Promise<void>;
  /** Listens again on the same port (after kill or stop). */
  restart(): Promise<void>;
  /** Ends the streams and stops listening. */
  stop(): Promise<void>;
}

const DEFAULT_CONTENT_TYPE = 'multipart/x-mixed-replace; boundary=mjpegframe';

/** Text, stray markers and a false SOI whose bogus segment length swallows what follows. */
export const GARBAGE = Buffer.concat([
  Buffer.from('\r\nthis is not a frame\r\n'),
  Buffer.from([0xff, 0x00, 0xff, 0xd9, 0x12, 0xff, 0xd8, 0xff, 0xe0, 0xff, 0xf0, 0x55, 0xaa]),
  Buffer.from('more garbage\r\n'),
]);

interface StreamClient {
  readonly response: http.ServerResponse;
  readonly boundary: string;
  next: number;
  garbage: Buffer | null;
  stallNext: boolean;
  stalled: boolean;
}

export async function startMjpegServer(options: StartMjpegServerOptions = {}): Promise<MjpegServer> {
  const fps = options.fps ?? 15;
  let frames: readonly Buffer[] = options.frames ?? [];
  let contentType = DEFAULT_CONTENT_TYPE;
  let snapshotIndex = 0;
  let requests = 0;
  const clients = new Set<StreamClient>();
  const sockets = new Set<Socket>();
  let server: http.Server | null = null;
  let ticker: NodeJS.Timeout | null = null;
  let port = 0;

  const writeFrame = (client: StreamClient): void => {
    if (client.stalled || frames.length === 0) return;
    const frame = frames[client.next % frames.length];
    client.next++;
    if (frame === undefined) return;
    if (client.garbage !== null) {
      client.response.write(client.garbage);
      client.garbage = null;
    }
    const header = `--${client.boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: ${frame.length}\r\n\r\n`;
    if (client.stallNext) {
      client.stalled = true;
      client.response.write(Buffer.concat([Buffer.from(header), frame.subarray(0, frame.length >> 1)]));
      return;
    }
    client.response.write(Buffer.concat([Buffer.from(header), frame, Buffer.from('\r\n')]));
  };

  const handle = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    requests++;
    request.resume();
    const type = contentType;
    if (type.startsWith('multipart/')) {
      const boundary = /boundary=([^;\s]+)/i.exec(type)?.[1] ?? 'mjpegframe';
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', connection: 'close' });
      const client: StreamClient = { response, boundary, next: 0, garbage: null, stallNext: false, stalled: false };
      clients.add(client);
      response.on('close', () => clients.delete(client));
      writeFrame(client);
    } else if (type.startsWith('image/jpeg')) {
      const frame = frames.length === 0 ? undefined : frames[snapshotIndex++ % frames.length];
      if (frame === undefined) {
        response.writeHead(503, { 'content-type': 'text/plain' }).end('no frames');
        return;
      }
      response.writeHead(200, { 'content-type': type, 'content-length': frame.length }).end(frame);
    } else {
      response.writeHead(200, { 'content-type': type }).end('<html><body><h1>Camera login</h1></body></html>');
    }
  };

  const listen = async (onPort: number): Promise<void> => {
    const next = http.createServer(handle);
    next.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(onPort, '127.0.0.1', () => {
        next.off('error', reject);
        resolve();
      });
    });
    server = next;
    port = (next.address() as AddressInfo).port;
    ticker = setInterval(() => {
      for (const client of clients) writeFrame(client);
    }, 1000 / fps);
  };

  const close = async (abruptly: boolean): Promise<void> => {
    const current = server;
    server = null;
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
    for (const client of clients) if (!abruptly) client.response.end();
    clients.clear();
    if (abruptly) for (const socket of sockets) socket.destroy();
    if (current === null) return;
    current.closeAllConnections();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen(0);
  const url = `http://127.0.0.1:${port}/stream.mjpeg`;

  return {
    url,
    port,
    get requests() {
      return requests;
    },
    get clients() {
      return clients.size;
    },
    setFrames(jpegs) {
      frames = [...jpegs];
    },
    setContentType(type) {
      contentType = type;
    },
    stallNextFrame() {
      for (const client of clients) client.stallNext = true;
    },
    sendGarbage(bytes = GARBAGE) {
      for (const client of clients) client.garbage = bytes;
    },
    kill: () => close(true),
    async restart() {
      if (server !== null) await close(false);
      await listen(port);
    },
    stop: () => close(false),
  };
}
