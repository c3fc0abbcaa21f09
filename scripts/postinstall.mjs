// Runs after `npm install`. Electron's own install script is denied in package.json (allowScripts), because
// where its binary cannot be downloaded it would fail the whole install. Here the download is TRIED once,
// with a time limit; when it fails the install still succeeds and one block says what that means.
// Fast when there is nothing to do: a couple of file reads. Never exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const DOWNLOAD_TIMEOUT_MS = 90_000;

/** The same check electron/install.js makes: the right version unpacked, and path.txt naming an existing binary. */
function electronBinaryInstalled(electronDir, version) {
  try {
    const unpacked = readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    const binary = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    return unpacked === version && binary !== '' && existsSync(path.join(electronDir, 'dist', binary));
  } catch {
    return false;
  }
}

/** The first line of the installer's error output, e.g. "RequestError: getaddrinfo ENOTFOUND github.com". */
function reasonFrom(result) {
  if (result.error?.code === 'ETIMEDOUT') return `the download did not finish within ${DOWNLOAD_TIMEOUT_MS / 1000} s`;
  if (result.error) return result.error.message;
  const line = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (line ?? `the installer exited with code ${result.status}`).slice(0, 200);
}

function explainMissing(version, reason) {
  const rule = '-'.repeat(78);
  console.log(
    [
      rule,
      `Electron's binary is missing (electron ${version} is installed without its executable).`,
      `  Reason: ${reason}`,
      'What that means:',
      '  - `npm start` runs the kiosk in browser mode: the same product, with its windows served at',
      '    http://127.0.0.1:PORT/customer, /staff and /admin (npm start prints the address).',
      '  - The Electron end-to-end spec reports itself skipped; everything else is tested as usual.',
      '  - Packaging an installer needs Electron: see "Packaging" in README.md.',
      'To try the download again later: node node_modules/electron/install.js',
      rule,
    ].join('\n'),
  );
}

function ensureElectron() {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return; // A production install (--omit=dev) has no Electron: nothing to do, nothing to say.
  }
  const { version } = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'));
  if (electronBinaryInstalled(electronDir, version)) return;

  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    env,
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status === 0 && electronBinaryInstalled(electronDir, version)) {
    console.log(`Electron ${version} binary installed.`);
    return;
  }
  explainMissing(version, reasonFrom(result));
}

/**
 * Converts human's TF.js face models to ONNX (native-models/out) when they are missing or stale; a no-op in
 * under a second when up to date. Needs tsx and onnx-proto (dev dependencies): a production install skips it
 * (a packaged app ships the converted models). On failure the app falls back to the human backend.
 */
function ensureNativeModels() {
  const script = path.join(process.cwd(), 'native-models', 'convert-all.ts');
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  try {
    require.resolve('tsx');
    require.resolve('onnx-proto');
  } catch {
    return;
  }
  if (!existsSync(script)) return;
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--quiet'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000,
  });
  if (result.status !== 0) {
    console.log(
      'The face models could not be converted to ONNX; the kiosk uses the slower human backend until they are.\n' +
        'To retry: npm run models',
    );
  }
}

try {
  ensureNativeModels();
} catch (error) {
  console.log(
    `postinstall: could not convert the face models (${error instanceof Error ? error.message : error}); run: npm run models`,
  );
}

try {
  ensureElectron();
} catch (error) {
  // Never fail the install over this: browser mode and every test but the Electron spec work without it.
  console.log(`postinstall: could not check Electron's binary (${error instanceof Error ? error.message : error}).`);
}
process.exitCode = 0;
