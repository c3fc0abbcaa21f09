/**
 * Where the app keeps its data when no --data-dir is given: the OS's per-user application data folder, the
 * same place Electron's app.getPath('userData') uses, so both modes share one database.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Smart Store Kiosk';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}
