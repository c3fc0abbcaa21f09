/**
 * Starts the real product in browser mode as a separate process (as `npm start` does) with its own data folder,
 * and reads the window URLs it prints. Stopping sends SIGTERM, like Ctrl+C; `kill` is the hard way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_ENTRY } from './paths.js';

export interface KioskApp {
  readonly origin: string;
  readonly output: () => string;
  url(role: 'customer' | 'staff' | 'admin' | 'capture'): string;
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, as in a power cut (no shutdown code runs). */
  kill(): Promise<void>;
}

export async function startKiosk(options: {
  dataDir: string;
  camera: string;
  extraArgs?: string[];
}): Promise<KioskApp> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      SERVER_ENTRY,
      '--camera',
      options.camera,
      '--data-dir',
      options.dataDir,
      '--port',
      '0',
      '--no-open',
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KIOSK_LOG_LEVEL: 'info' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The kiosk did not start within 120 s. Output:\n${output}`)),
      120_000,
    );
    const check = (): void => {
      const match = /Customer display\s+(http:\/\/127\.0\.0\.1:\d+)\/customer/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The kiosk exited with code ${code} before it was ready. Output:\n${output}`));
    });
  });

  return {
    origin,
    output: () => output,
    url: (role) => `${origin}/${role}`,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
