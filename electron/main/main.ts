/**
 * The Electron shell's entry point: single-instance lock, start-up (protocol, security, core process,
 * IPC, windows) and an orderly quit that lets the core close its database.
 * Bundled to dist/electron/main.cjs; its siblings there are core-host.cjs and preload-<role>.cjs,
 * and dist/renderer holds the pages.
 */
import path from 'node:path';
import fs from 'node:fs';
import { app, dialog, ipcMain, Menu, safeStorage, session, utilityProcess, type BrowserWindow } from 'electron';
import type { Role } from '../contract/access.js';
import { AppInfo } from '../contract/dto.js';
import { systemClock } from '../core/clock.js';
import { LOG_DIR } from '../core/desktop/desktop-parts.js';
import { createRotatingLog, type RotatingLog } from '../core/desktop/log-files.js';
import { createLogger, type Logger } from '../core/logger.js';
import { readAppMetadata } from './app-metadata.js';
import { parseCliArgs, USAGE, type CliOptions } from './cli-args.js';
import { createCoreProcess, type CoreProcess } from './core-process.js';
import { installIpcRouter } from './ipc-router.js';
import { SHELL_CONNECTION, startKioskShell, type KioskShell } from './kiosk-shell.js';
import { registerAppSchemeAsPrivileged, serveRenderer } from './protocol.js';
import { loadWrappedSecretKey } from './secret-key.js';
import { createRestartPolicy, DEFAULT_RESTART_LIMIT } from './restart-policy.js';
import { installSecurity } from './security.js';
import { createWindowRegistry } from './window-registry.js';
import { createRoleWindow } from './windows.js';

/**
 * The core's secret-store key, unwrapped with safeStorage (after app ready). Without an OS keychain the core keeps
 * its own key file readable only by this user; either way the admin window says which is in use.
 */
function secretKeyOption(dataDir: string): { secretKey?: string } {
  try {
    const outcome = loadWrappedSecretKey(dataDir, safeStorage, {
      exists: (file) => fs.existsSync(file),
      read: (file) => fs.readFileSync(file),
      write: (file, data) => fs.writeFileSync(file, data, { mode: 0o600 }),
    });
    if (outcome.key === null) {
      console.warn(`Secrets use a private key file: ${outcome.reason}.`);
      return {};
    }
    return { secretKey: outcome.key.toString('base64') };
  } catch (error) {
    console.warn(`Secrets use a private key file: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
}

/** dist/electron, where this bundle, the core host and the preloads live. */
const ELECTRON_DIST = __dirname;
const SHUTDOWN_TIMEOUT_MS = 5000;
const VISIBLE_ROLES: readonly Role[] = ['customer', 'staff', 'admin'];

async function startKiosk(options: CliOptions, version: string, logger: Logger, logFile: RotatingLog): Promise<void> {
  const registry = createWindowRegistry();
  // A packaged kiosk has no menu: nothing to reload the page or open developer tools with.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  serveRenderer(session.defaultSession, path.resolve(ELECTRON_DIST, '..', 'renderer'), logger.child('protocol'));
  installSecurity({ app, session: session.defaultSession, registry, logger: logger.child('security') });

  const windows = new Map<Role, BrowserWindow>();
  let router: ReturnType<typeof installIpcRouter> | null = null;
  let kiosk: KioskShell | null = null;
  const fatal = (title: string, message: string): void => {
    logger.error(title, { message });
    dialog.showErrorBox(title, message);
    app.exit(1);
  };

  const core: CoreProcess = createCoreProcess({
    fork: () => {
      const child = utilityProcess.fork(path.join(ELECTRON_DIST, 'core-host.cjs'), [], {
        serviceName: 'Smart Store Kiosk core',
        // The core logs JSON lines to stderr; they go to the rotating log files the admin window exports.
        stdio: 'pipe',
      });
      const relay = (chunk: Buffer): void => {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logFile.write(line);
      };
      child.stdout?.on('data', relay);
      child.stderr?.on('data', relay);
      return {
        postMessage: (message) => child.postMessage(message),
        onMessage: (listener) => void child.on('message', listener),
        onExit: (listener) => void child.on('exit', listener),
        kill: () => void child.kill(),
      };
    },
    start: { dataDir: options.dataDir, camera: options.camera, version, ...secretKeyOption(options.dataDir) },
    policy: createRestartPolicy({ ...DEFAULT_RESTART_LIMIT, clock: systemClock }),
    logger: logger.child('core-process'),
    onEvent: (event, payload) => {
      if (event === 'kiosk.changed') kiosk?.onKioskChanged(payload);
      router?.deliver(event, payload);
    },
    onFailed: (message) => fatal('Smart Store Kiosk could not start', message),
    onGaveUp: (message) => fatal('Smart Store Kiosk stopped working', message),
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Let the core close the database before the process ends.
    event.preventDefault();
    quitting = true;
    void core.shutdown(SHUTDOWN_TIMEOUT_MS).finally(() => app.quit());
  });

  const started = await core.start();
  if (!started.ok) {
    fatal('Smart Store Kiosk could not start', started.message);
    return;
  }
  router = installIpcRouter({ ipcMain, registry, core, logger: logger.child('ipc') });

  // The core knows the camera's kind; only a USB camera needs the hidden capture window.
  const info = await core.call('customer', 'shell', 'app.info', {});
  const parsedInfo = info.ok ? AppInfo.safeParse(info.value) : null;
  const roles: Role[] = [...VISIBLE_ROLES];
  if (parsedInfo?.success === true && parsedInfo.data.camera.kind === 'usb') roles.push('capture');
  if (parsedInfo?.success !== true) logger.warn('app.info failed; no capture window will be opened', { info });

  kiosk = await startKioskShell({
    windows,
    call: (command, payload) => core.call('admin', SHELL_CONNECTION, command, payload),
    logger: logger.child('kiosk'),
    isQuitting: () => quitting,
  });
  app.on('will-quit', () => kiosk?.dispose());

  for (const role of roles) {
    const window = createRoleWindow(role, {
      preloadDir: ELECTRON_DIST,
      registry,
      devTools: !app.isPackaged,
      onGone: (id) => core.disconnect(registry.connectionIdOf(id)),
    });
    windows.set(role, window);
    kiosk.attach(role, window);
    window.on('closed', () => {
      windows.delete(role);
      // The hidden capture window alone does not keep the kiosk open.
      if (!VISIBLE_ROLES.some((visible) => windows.has(visible))) app.quit();
    });
  }

  // The chosen screens, now that the windows exist; screens added or removed later move them again.
  kiosk.place();

  app.on('second-instance', () => {
    const staff = windows.get('staff');
    if (staff === undefined) return;
    if (staff.isMinimized()) staff.restore();
    staff.focus();
  });
}

function main(): void {
  let logFile: RotatingLog | null = null;
  const logger = createLogger({
    scope: 'main',
    write: (line) => {
      process.stderr.write(line + '\n');
      logFile?.write(line);
    },
  });
  const metadata = readAppMetadata(path.resolve(ELECTRON_DIST, '..', '..', 'package.json'), {
    productName: 'Smart Store Kiosk',
    version: app.getVersion(),
  });
  app.setName(metadata.productName);
  registerAppSchemeAsPrivileged();
  app.enableSandbox();

  const defaultDataDir = app.getPath('userData');
  const parsed = parseCliArgs(process.argv.slice(1), defaultDataDir);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    app.exit(2);
    return;
  }
  if (parsed.options.help) {
    process.stdout.write(USAGE);
    app.exit(0);
    return;
  }
  const options: CliOptions = { ...parsed.options, dataDir: path.resolve(parsed.options.dataDir) };
  // Chromium's profile and the single-instance lock follow the data folder, so two data folders are two kiosks.
  if (options.dataDir !== path.resolve(defaultDataDir)) app.setPath('userData', options.dataDir);
  logFile = createRotatingLog({ dir: path.join(options.dataDir, LOG_DIR) });
  if (!app.requestSingleInstanceLock()) {
    logger.info('another instance is already running; handing over to it');
    app.quit();
    return;
  }

  app
    .whenReady()
    .then(() =>
      startKiosk(
        options,
        metadata.version,
        logger,
        logFile ?? createRotatingLog({ dir: path.join(options.dataDir, LOG_DIR) }),
      ),
    )
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      logger.error('start-up failed', { error: error instanceof Error ? error.stack : message });
      dialog.showErrorBox('Smart Store Kiosk could not start', message);
      app.exit(1);
    });
}

main();
