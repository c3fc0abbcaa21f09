import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../core/logger.js';
import { applyUpdateSettings, planUpdates, type UpdaterLike } from './auto-update.js';

function recordingUpdater(fail = false) {
  const feeds: unknown[] = [];
  let checks = 0;
  const updater: UpdaterLike & { feeds: unknown[]; checks: () => number } = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    setFeedURL: (options) => void feeds.push(options),
    checkForUpdates: () => {
      checks += 1;
      return fail ? Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED')) : Promise.resolve(null);
    },
    feeds,
    checks: () => checks,
  };
  return updater;
}

describe('auto-update', () => {
  it('is off by default and says where to turn it on', () => {
    expect(planUpdates({ enabled: false, url: 'https://updates.example.com/kiosk' }, true)).toEqual({
      check: false,
      reason: 'updates are off (Admin → Kiosk)',
    });
  });

  it('never updates a development build or from a non-https address', () => {
    expect(planUpdates({ enabled: true, url: 'https://updates.example.com' }, false).check).toBe(false);
    expect(planUpdates({ enabled: true, url: 'http://updates.example.com' }, true).check).toBe(false);
  });

  it('points electron-updater at the chain generic server and checks, downloading in the background', async () => {
    const updater = recordingUpdater();
    const plan = await applyUpdateSettings(
      updater,
      { enabled: true, url: 'https://updates.example.com/kiosk/' },
      true,
      memoryLogger(),
    );
    expect(plan).toEqual({ check: true, url: 'https://updates.example.com/kiosk' });
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/kiosk' }]);
    expect(updater.checks()).toBe(1);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false });
  });

  it('does not touch the updater when updates are off', async () => {
    const updater = recordingUpdater();
    await applyUpdateSettings(updater, { enabled: false, url: '' }, true, memoryLogger());
    expect(updater.feeds).toEqual([]);
    expect(updater.checks()).toBe(0);
  });

  it('keeps running when the update server cannot be reached, and logs it', async () => {
    const logger = memoryLogger();
    await applyUpdateSettings(
      recordingUpdater(true),
      { enabled: true, url: 'https://updates.example.com' },
      true,
      logger,
    );
    expect(logger.lines.some((line) => line.message.includes('update check failed'))).toBe(true);
  });
});
