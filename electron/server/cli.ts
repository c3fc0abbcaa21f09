/**
 * Entry point of browser mode: runs the core in this Node process, serves the windows on loopback, prints their
 * URLs and opens them where a display and a browser exist. Stops cleanly on Ctrl+C / SIGTERM.
 */
import path from 'node:path';
import { createCore } from '../core/create-core.js';
import { LOG_DIR } from '../core/desktop/desktop-parts.js';
import { createRotatingLog } from '../core/desktop/log-files.js';
import { createLogger } from '../core/logger.js';
import { startBrowserServer } from './browser-server.js';
import { CliError, HELP_TEXT, parseCliOptions } from './cli-options.js';
import { followLanSetting } from './lan-server.js';
import { openWindows } from './open-browser.js';

const VERSION = process.env.npm_package_version ?? '0.1.0';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    console.log(HELP_TEXT);
    return;
  }
  // Logs go to stderr and to rotating files in the data folder, which the admin window exports for support.
  const logFile = createRotatingLog({ dir: path.join(options.dataDir, LOG_DIR) });
  const logger = createLogger({
    level: process.env.KIOSK_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    write: (line) => {
      process.stderr.write(line + '\n');
      logFile.write(line);
    },
  });
  console.log(`Smart Store Kiosk — browser mode. Data: ${options.dataDir}`);
  const core = await createCore({
    dataDir: options.dataDir,
    camera: options.camera,
    mode: 'browser',
    version: VERSION,
    logger,
    onProgress: (message) => console.log(`  … ${message}`),
  });
  const rendererDir = path.resolve(__dirname, '..', 'renderer');
  const server = await startBrowserServer({ core, rendererDir, logger, port: options.port });
  // Tablets on the store's LAN: only when a manager turned it on in the admin window (Kiosk → Tablets).
  const lan =
    core.lan === undefined
      ? null
      : followLanSetting({ core, gate: core.lan, rendererDir, logger: logger.child('lan') });
  const roles =
    core.info.camera.kind === 'usb'
      ? (['customer', 'staff', 'admin', 'capture'] as const)
      : (['customer', 'staff', 'admin'] as const);
  console.log(`\nReady: ${core.info.storeName}. Open the windows:`);
  console.log(`  Customer display  ${server.urlFor('customer')}`);
  console.log(`  Staff             ${server.urlFor('staff')}`);
  console.log(`  Admin             ${server.urlFor('admin')}`);
  if (core.info.camera.kind === 'usb') {
    console.log(
      `  Camera capture    ${server.urlFor('capture')}  (keep it open: it feeds the USB camera to the kiosk)`,
    );
  }
  if (options.open) {
    const outcome = openWindows(
      roles.map((role) => server.urlFor(role)),
      options.dataDir,
    );
    console.log(
      outcome.opened ? `Opened the windows in ${outcome.browser}.` : `Not opening a browser: ${outcome.reason}.`,
    );
  }
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await lan?.stop();
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Smart Store Kiosk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
