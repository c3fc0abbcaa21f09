/**
 * The kiosk's windows: customer display, staff, admin, and (for a USB camera) a hidden capture window
 * that opens the camera with getUserMedia and pushes frames to the core. Every window is sandboxed,
 * context-isolated, without Node, and gets the preload of its own role only.
 */
import path from 'node:path';
import { BrowserWindow, screen, type Rectangle } from 'electron';
import type { Role } from '../contract/access.js';
import { windowUrl } from './app-origin.js';
import type { WindowRegistry } from './window-registry.js';

export const WINDOW_TITLES: Readonly<Record<Role, string>> = {
  customer: 'Smart Store Kiosk — Customer display',
  staff: 'Smart Store Kiosk — Staff',
  admin: 'Smart Store Kiosk — Admin',
  capture: 'Smart Store Kiosk — Camera capture',
};

export interface WindowDeps {
  /** Folder holding preload-<role>.cjs (dist/electron). */
  readonly preloadDir: string;
  readonly registry: WindowRegistry;
  /** Developer tools: on in development, off in a packaged kiosk. */
  readonly devTools: boolean;
  /** The window's webContents is gone: the core forgets that connection's sign-in. */
  onGone(webContentsId: number): void;
}

function boundsFor(role: Role): Rectangle | null {
  // The customer display goes full-screen on a second screen when there is one.
  if (role !== 'customer') return null;
  const primary = screen.getPrimaryDisplay();
  const other = screen.getAllDisplays().find((display) => display.id !== primary.id);
  return other?.bounds ?? null;
}

export function createRoleWindow(role: Role, deps: WindowDeps): BrowserWindow {
  const bounds = boundsFor(role);
  const window = new BrowserWindow({
    title: WINDOW_TITLES[role],
    width: bounds?.width ?? (role === 'customer' ? 1280 : 1100),
    height: bounds?.height ?? (role === 'customer' ? 800 : 760),
    ...(bounds === null ? {} : { x: bounds.x, y: bounds.y, fullscreen: true }),
    show: role !== 'capture',
    autoHideMenuBar: true,
    backgroundColor: '#101418',
    webPreferences: {
      preload: path.join(deps.preloadDir, `preload-${role}.cjs`),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: deps.devTools,
      navigateOnDragDrop: false,
      // The hidden capture window must keep receiving camera frames and running its timers.
      backgroundThrottling: role !== 'capture',
    },
  });
  const id = window.webContents.id;
  deps.registry.register(id, role);
  // Keep our titles: they say which window is which, whatever the page's <title> says.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.webContents.once('destroyed', () => {
    deps.registry.unregister(id);
    deps.onGone(id);
  });
  // A reload starts a new page: it must not inherit the previous page's sign-in.
  window.webContents.on('did-navigate', () => deps.onGone(id));
  void window.loadURL(windowUrl(role));
  return window;
}
