// `npm start`: runs the product. With an Electron binary (and a display) it opens the three kiosk windows;
// without one it runs browser mode: the same core in Node, the windows served on http://127.0.0.1.
// Options after `--` go to the app (see `npm start -- --help`); `--browser` forces browser mode.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const appArgs = args.filter((a) => a !== '--browser');

function electronBinary() {
  try {
    const binary = require('electron'); // the package's index.js returns the binary path, or throws when missing
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = forceBrowser || appArgs.includes('--help') ? null : electronBinary();

let child;
if (electron && hasDisplay) {
  child = spawn(electron, [path.join(root, 'dist', 'electron', 'main.cjs'), ...appArgs], { stdio: 'inherit' });
} else {
  if (!forceBrowser && !appArgs.includes('--help')) {
    const why = electron ? 'there is no display' : 'the Electron binary is not installed (see README, "Browser mode")';
    console.log(`Starting in browser mode because ${why}.`);
  }
  child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'cli.cjs'), ...appArgs], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
