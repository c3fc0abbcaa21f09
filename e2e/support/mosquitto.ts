/**
 * A real Mosquitto broker for the sync tests: Debian's /usr/sbin/mosquitto on a free loopback port, with its own
 * config and persistence file in a temporary folder (never the system service). `stop()` and `start()` again
 * keep the same port and persisted sessions, like a broker restarted by its operator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p)) ?? null;

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Starts the broker again after `stop()` (same port, same persisted sessions). */
  start(): Promise<void>;
  /** Stops the broker the way an operator does (SIGTERM: it saves its sessions first). */
  stop(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
  readonly output: () => string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`Mosquitto did not open port ${port} within ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startMosquitto(options: { maxQueued?: number } = {}): Promise<Mosquitto> {
  if (!MOSQUITTO) throw new Error('Mosquitto is not installed: apt-get install mosquitto (.ci/run does it).');
  const binary = MOSQUITTO;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-mosquitto-'));
  const port = await freePort();
  const config = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      // Started as root, Mosquitto would switch to the "mosquitto" user, which cannot write our folder.
      `user ${os.userInfo().username}`,
      'persistence true',
      `persistence_location ${dir}/`,
      // Offline stores keep a day of orders queued: far more than the default 1,000 messages.
      `max_queued_messages ${options.maxQueued ?? 100000}`,
      'max_inflight_messages 100',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | null = null;
  let output = '';

  const start = async (): Promise<void> => {
    const proc = spawn(binary, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = proc;
    await waitForPort(port, 10_000);
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => output,
  };
}
