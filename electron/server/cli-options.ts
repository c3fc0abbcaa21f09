/**
 * Command-line options of `npm start` / the browser-mode server, parsed with node:util's parseArgs.
 * Errors are sentences that say what to type instead.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/app-paths.js';

export interface CliOptions {
  readonly camera: string;
  readonly dataDir: string;
  readonly port: number;
  readonly open: boolean;
  readonly help: boolean;
}

export const HELP_TEXT = `Smart Store Kiosk (browser mode)

Usage: npm start -- [options]

Options:
  --camera <id>     The entrance camera:
                      usb              the default USB camera (captured in the /capture window)
                      usb:<name>       a USB camera whose label contains <name> (or its device id)
                      http://…         an MJPEG stream or JPEG snapshot URL of an IP camera
                      path/to/file.mjpeg  a recorded clip, played in a loop (demos and tests)
                    default: usb
  --data-dir <dir>  Where the database lives (default: ${defaultDataDir()})
  --port <n>        HTTP port on 127.0.0.1 (default: 4870; 0 = any free port)
  --no-open         Do not open the windows in a browser, only print their URLs
  --help            Show this help

The windows are served on loopback only: http://127.0.0.1:PORT/customer, /staff and /admin.`;

export class CliError extends Error {}

export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        camera: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError(
      `${error instanceof Error ? error.message : String(error)}\nRun with --help to see the options.`,
    );
  }
  const port = values.port === undefined ? 4870 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  return {
    camera: values.camera ?? 'usb',
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir(env)),
    port,
    open: values['no-open'] !== true,
    help: values.help === true,
  };
}
