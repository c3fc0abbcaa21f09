/**
 * Debian's Chromium (or a Chrome) for the end-to-end specs, and the flags that make it quiet on a machine with no
 * network: no background connections, no component updates, no first-run UI.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
  existsSync(p),
);

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
