/**
 * What the Electron specs need to launch the built shell, and why they cannot where they cannot: the binary is
 * missing (its download is not possible everywhere) or there is no display. Specs skip with that reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WALK_CLIP } from './paths.js';

export const MAIN_BUNDLE = path.join(REPO_ROOT, 'dist', 'electron', 'main.cjs');
export const ELECTRON_CLIP = WALK_CLIP;

/** Why Electron cannot run here, or null when it can. */
export function whyElectronCannotRun(): string | null {
  const electronDir = path.join(REPO_ROOT, 'node_modules', 'electron');
  let binary: string;
  try {
    binary = path.join(electronDir, 'dist', readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim());
  } catch {
    return 'Electron binary not installed: node_modules/electron has no path.txt (its download failed or was not possible; see the npm install output).';
  }
  if (!existsSync(binary)) return `Electron binary not installed: ${binary} does not exist.`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'Electron needs a display: run the tests under xvfb-run.';
  }
  return null;
}
