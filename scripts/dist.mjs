// `npm run dist`: builds the app, renders the icons from resources/icon.svg, and packages it with electron-builder
// for the current platform (electron-builder.yml: AppImage + deb, NSIS, dmg). Publishing never happens here: the
// installers and latest*.yml land in release/ for the chain to upload (see "Release builds" in README.md).
//
//   ELECTRON_DIST=/path/to/unpacked/electron npm run dist     use an Electron you have (no download)
//   npm run dist -- --dir                                    only the unpacked app (quick check, no installer)
//   npm run dist -- --linux deb                              any other electron-builder arguments pass through
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command, args, what) {
  console.log(`\n> ${what}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n${what} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** electron-builder arguments for this run: the user's, plus electronDist when ELECTRON_DIST is set. */
export function builderArgs(userArgs, env) {
  const args = ['electron-builder', '--publish', 'never', ...userArgs];
  const dist = env.ELECTRON_DIST;
  if (dist !== undefined && dist !== '') {
    args.push(`--config.electronDist=${path.resolve(dist)}`);
    // electron-builder reads the version from node_modules/electron otherwise; an unpacked Electron says its own.
    if (env.ELECTRON_VERSION) args.push(`--config.electronVersion=${env.ELECTRON_VERSION}`);
  }
  return args;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = process.env.ELECTRON_DIST;
  if (dist !== undefined && dist !== '' && !existsSync(path.resolve(dist))) {
    console.error(
      `ELECTRON_DIST points at ${dist}, which does not exist. Unpack an Electron release there, or unset it.`,
    );
    process.exit(2);
  }
  run(process.execPath, ['scripts/build.mjs'], 'Building the app');
  run(npx, ['tsx', 'scripts/icons.ts'], 'Rendering the icons from resources/icon.svg');
  if (!existsSync(path.join(root, 'native-models', 'out'))) {
    console.log(
      '\nnative-models/out is missing: the package will use the built-in face models only (`npm run models` makes it).',
    );
  }
  run(npx, builderArgs(process.argv.slice(2), process.env), 'Packaging with electron-builder');
  console.log(`\nDone: the installers are in ${path.join(root, 'release')}.`);
}
