/**
 * Updates through electron-updater from the chain's generic update server, off by default. The server's
 * latest*.yml carries `stagingPercentage` for a staged rollout (scripts/dist-staging.mjs writes it); electron-updater
 * compares it with this installation's stable random id, so a rollout reaches the same PCs first. Pure over an
 * injected updater, so the rules are tested without Electron.
 */
import type { UpdateSettings } from '../contract/desktop.js';
import type { Logger } from '../core/logger.js';

/** The part of electron-updater's AppUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
}

export type UpdatePlan =
  | { readonly check: false; readonly reason: string }
  | { readonly check: true; readonly url: string };

export function planUpdates(settings: UpdateSettings, isPackaged: boolean): UpdatePlan {
  if (!settings.enabled) return { check: false, reason: 'updates are off (Admin → Kiosk)' };
  if (!isPackaged) return { check: false, reason: 'a development build does not update itself' };
  if (!/^https:\/\/[^\s]+$/.test(settings.url))
    return { check: false, reason: 'the update URL is not an https address' };
  return { check: true, url: settings.url.replace(/\/+$/, '') };
}

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Applies the settings: sets the feed and checks now when on. Returns the plan, for the log. */
export async function applyUpdateSettings(
  updater: UpdaterLike,
  settings: UpdateSettings,
  isPackaged: boolean,
  logger: Logger,
): Promise<UpdatePlan> {
  const plan = planUpdates(settings, isPackaged);
  if (!plan.check) {
    logger.info('not checking for updates', { reason: plan.reason });
    return plan;
  }
  // Download in the background and install when the kiosk is next restarted (at night), never mid-day.
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.setFeedURL({ provider: 'generic', url: plan.url });
  try {
    await updater.checkForUpdates();
  } catch (error) {
    logger.warn('update check failed; the kiosk keeps running this version', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return plan;
}
