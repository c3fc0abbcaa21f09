/**
 * The kiosk behaviours of the desktop shell, applying the core's kiosk state to Electron: windows placed on the
 * screens (and moved when screens come and go), the customer display locked (no menu, no leaving shortcuts, no
 * closing) until a manager unlocks it from the admin window, the screens kept awake while the store is open,
 * start at login, updates, and a watchdog per window. The decisions are pure modules beside this one; this file
 * only wires Electron's events to them.
 */
import { app, dialog, powerSaveBlocker, screen, type BrowserWindow } from 'electron';
import { KioskState } from '../contract/desktop.js';
import type { Role } from '../contract/access.js';
import type { Result } from '../contract/result.js';
import { systemClock } from '../core/clock.js';
import { SHELL_CONNECTION_ID } from '../core/desktop/kiosk-service.js';
import type { Logger } from '../core/logger.js';
import { windowUrl } from './app-origin.js';
import { applyUpdateSettings, UPDATE_CHECK_INTERVAL_MS } from './auto-update.js';
import { placeWindows, toDisplayInfo } from './display-placement.js';
import { kioskInputVerdict } from './kiosk-input-filter.js';
import { isStoreOpen } from './opening-hours.js';
import { createRendererWatchdog, DEFAULT_HANG_GRACE_MS, type WatchdogAction } from './renderer-watchdog.js';
import { createRestartPolicy, DEFAULT_RESTART_LIMIT } from './restart-policy.js';

export interface KioskShellDeps {
  readonly windows: ReadonlyMap<Role, BrowserWindow>;
  call(command: string, payload: unknown): Promise<Result<unknown>>;
  readonly logger: Logger;
  /** True once the app is quitting: the locked customer display may then close. */
  isQuitting(): boolean;
}

export interface KioskShell {
  /** Adds a window's watchdog and, for the customer display, the lock. Call once per window. */
  attach(role: Role, window: BrowserWindow): void;
  /** A `kiosk.changed` event from the core. */
  onKioskChanged(payload: unknown): void;
  /** Places the windows now (after they were created). */
  place(): void;
  dispose(): void;
}

const WINDOW_NAMES: Readonly<Record<Role, string>> = {
  customer: 'customer display',
  staff: 'staff window',
  admin: 'admin window',
  capture: 'camera capture window',
};

export async function startKioskShell(deps: KioskShellDeps): Promise<KioskShell> {
  const { logger } = deps;
  let state: KioskState | null = null;
  let blocker: number | null = null;
  let lastUpdateSettings = '';
  const timers: NodeJS.Timeout[] = [];
  const ticks: (() => void)[] = [];

  const reportDisplays = async (): Promise<void> => {
    const primaryId = screen.getPrimaryDisplay().id;
    const displays = screen.getAllDisplays().map((display, index) => toDisplayInfo(display, primaryId, index));
    const result = await deps.call('kiosk.reportDisplays', { displays });
    if (!result.ok) logger.warn('could not report the screens to the core', { error: result.error.message });
  };

  const place = (): void => {
    if (state === null) return;
    const placement = placeWindows(state.displays, state.settings.customerDisplayId);
    if (placement.note !== null) logger.warn(placement.note);
    const customer = deps.windows.get('customer');
    if (customer !== undefined && placement.customer !== null) {
      customer.setKiosk(false);
      customer.setFullScreen(false);
      customer.setBounds(placement.customer.bounds);
      if (placement.customerFullScreen) {
        // Kiosk mode on a locked display (no way out but the admin window), plain full screen otherwise.
        if (state.locked) customer.setKiosk(true);
        else customer.setFullScreen(true);
      }
    }
    for (const role of ['staff', 'admin'] as const) {
      const window = deps.windows.get(role);
      if (window === undefined || placement.staff === null) continue;
      const { x, y, width, height } = placement.staff.bounds;
      const current = window.getBounds();
      const inside = current.x >= x && current.y >= y && current.x < x + width && current.y < y + height;
      if (!inside)
        window.setBounds({
          x: x + 40,
          y: y + 40,
          width: Math.min(1100, width - 80),
          height: Math.min(760, height - 80),
        });
    }
  };

  const keepAwake = (): void => {
    if (state === null) return;
    const now = new Date(systemClock.now());
    const open = isStoreOpen(state.settings.openingHours, now.getHours() * 60 + now.getMinutes());
    if (open && blocker === null) {
      blocker = powerSaveBlocker.start('prevent-display-sleep');
      logger.info('the store is open: keeping the screens awake');
    } else if (!open && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
      logger.info('the store is closed: the screens may sleep');
    }
  };

  const applyUpdates = async (force: boolean): Promise<void> => {
    if (state === null) return;
    const key = JSON.stringify(state.settings.updates);
    if (!force && key === lastUpdateSettings) return;
    lastUpdateSettings = key;
    if (!state.settings.updates.enabled) return;
    const { autoUpdater } = await import('electron-updater');
    await applyUpdateSettings(autoUpdater, state.settings.updates, app.isPackaged, logger.child('updates'));
  };

  const apply = (next: KioskState): void => {
    const previous = state;
    state = next;
    if (previous?.settings.startAtLogin !== next.settings.startAtLogin) {
      app.setLoginItemSettings({ openAtLogin: next.settings.startAtLogin });
    }
    if (previous?.locked !== next.locked)
      logger.info(next.locked ? 'customer display locked' : 'customer display unlocked by a manager');
    place();
    keepAwake();
    void applyUpdates(false);
  };

  const first = await deps.call('kiosk.state', {});
  const parsed = first.ok ? KioskState.safeParse(first.value) : null;
  if (parsed?.success === true) apply(parsed.data);
  else logger.warn('could not read the kiosk settings; using the window defaults');

  for (const event of ['display-added', 'display-removed', 'display-metrics-changed'] as const) {
    screen.on(event as 'display-added', () => void reportDisplays());
  }
  await reportDisplays();
  timers.push(setInterval(keepAwake, 60_000));
  timers.push(setInterval(() => void applyUpdates(true), UPDATE_CHECK_INTERVAL_MS));
  timers.push(setInterval(() => ticks.forEach((tick) => tick()), 1000));

  const perform = (role: Role, window: BrowserWindow, action: WatchdogAction): void => {
    switch (action.action) {
      case 'none':
        return;
      case 'reload':
        logger.warn('restarting a window', { role, attempt: action.attempt, why: action.why });
        if (!window.isDestroyed()) void window.loadURL(windowUrl(role));
        return;
      case 'give-up':
        logger.error('gave up restarting a window', { role, message: action.message });
        dialog.showErrorBox('Smart Store Kiosk stopped working', action.message);
        return;
    }
  };

  return {
    attach(role, window) {
      const dog = createRendererWatchdog({
        name: WINDOW_NAMES[role],
        policy: createRestartPolicy({ ...DEFAULT_RESTART_LIMIT, clock: systemClock }),
        clock: systemClock,
        hangGraceMs: DEFAULT_HANG_GRACE_MS,
      });
      window.webContents.on('render-process-gone', (_event, details) =>
        perform(role, window, dog.onGone(details.reason)),
      );
      window.on('unresponsive', () => dog.onUnresponsive());
      window.on('responsive', () => dog.onResponsive());
      ticks.push(() => perform(role, window, dog.tick()));
      if (role !== 'customer') return;
      window.setMenu(null);
      window.webContents.on('before-input-event', (event, input) => {
        const verdict = kioskInputVerdict(input, state?.locked ?? true);
        if (verdict.block) event.preventDefault();
      });
      window.on('close', (event) => {
        // The locked customer display closes only when the whole app quits.
        if ((state?.locked ?? true) && !deps.isQuitting()) event.preventDefault();
      });
    },
    place,
    onKioskChanged(payload) {
      const next = KioskState.safeParse(payload);
      if (next.success) apply(next.data);
    },
    dispose() {
      for (const timer of timers) clearInterval(timer);
      if (blocker !== null) powerSaveBlocker.stop(blocker);
    },
  };
}

/** The shell's own connection id towards the core (see kiosk-service.ts). */
export const SHELL_CONNECTION = SHELL_CONNECTION_ID;
