/**
 * Finds a Chromium or Chrome on this machine and opens the kiosk windows in it, when there is a display to show
 * them on. Without one (a server, CI) it does nothing and the printed URLs are the way in.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const CANDIDATES: Record<string, readonly string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

export function findBrowser(platform: NodeJS.Platform = process.platform, exists = existsSync): string | null {
  return (CANDIDATES[platform] ?? []).find((candidate) => exists(candidate)) ?? null;
}

export function hasDisplay(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY ?? env.WAYLAND_DISPLAY);
}

export type OpenOutcome = { opened: true; browser: string } | { opened: false; reason: string };

/** Opens each URL as an app window in one browser profile kept in the data folder. */
export function openWindows(urls: readonly string[], dataDir: string): OpenOutcome {
  if (!hasDisplay()) return { opened: false, reason: 'no display (DISPLAY is not set)' };
  const browser = findBrowser();
  if (!browser) return { opened: false, reason: 'no Chromium or Chrome found' };
  const profile = path.join(dataDir, 'browser-profile');
  mkdirSync(profile, { recursive: true });
  for (const url of urls) {
    const child = spawn(browser, [`--user-data-dir=${profile}`, '--no-first-run', '--disable-sync', `--app=${url}`], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => undefined);
    child.unref();
  }
  return { opened: true, browser };
}
