// Builds everything into dist/ with esbuild: the Electron shell (main + one preload per window), the core's hosts
// (the Electron utility process and the browser-mode server) and one renderer bundle per window.
// Native and model-carrying packages stay external: they are loaded from node_modules (or app.asar.unpacked) at run time.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const quiet = process.argv.includes('--quiet');
const started = Date.now();

const NODE_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'sharp',
  'onnxruntime-node',
  '@vladmandic/human',
  '@tensorflow/*',
  'ws',
  'bufferutil',
  'utf-8-validate',
];

const WINDOWS = ['customer', 'staff', 'admin', 'capture'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external: NODE_EXTERNALS,
  logLevel: 'warning',
  absWorkingDir: root,
  // The sources are ESM and use import.meta.url to find files; the bundles are CommonJS, so supply it.
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const tasks = [];

// Browser mode server (runs the core in this Node process).
tasks.push(build({ ...nodeCommon, entryPoints: ['electron/server/cli.ts'], outfile: 'dist/server/cli.cjs' }));
// The face worker threads' entry, beside each bundle that runs the core (worker-pool/worker-entry.ts finds it there).
for (const dir of ['server', 'electron']) {
  const entryPoints = ['electron/core/vision/worker-pool/face-worker.ts'];
  tasks.push(build({ ...nodeCommon, entryPoints, outfile: `dist/${dir}/face-worker.cjs` }));
}

// Electron shell, only when its sources exist (the shell is optional for browser mode).
if (existsSync(path.join(root, 'electron/main/main.ts'))) {
  tasks.push(build({ ...nodeCommon, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' }));
  tasks.push(
    build({ ...nodeCommon, entryPoints: ['electron/core/utility-host.ts'], outfile: 'dist/electron/core-host.cjs' }),
  );
  for (const role of WINDOWS) {
    const entry = `electron/preload/${role}.ts`;
    if (!existsSync(path.join(root, entry))) continue;
    // Sandboxed preloads may only require('electron'): everything else is bundled in.
    tasks.push(
      build({
        ...nodeCommon,
        banner: {},
        define: {},
        external: ['electron'],
        entryPoints: [entry],
        outfile: `dist/electron/preload-${role}.cjs`,
      }),
    );
  }
}

// Renderer: one bundle per window.
for (const role of WINDOWS) {
  const dir = path.join(root, 'renderer', role);
  if (!existsSync(path.join(dir, 'main.tsx'))) continue;
  tasks.push(
    build({
      entryPoints: [`renderer/${role}/main.tsx`],
      outfile: `dist/renderer/${role}/main.js`,
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'esm',
      jsx: 'automatic',
      minify: true,
      sourcemap: 'linked',
      loader: { '.svg': 'text', '.mp3': 'dataurl', '.wav': 'dataurl' },
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      absWorkingDir: root,
    }).then(() => {
      for (const file of readdirSync(dir)) {
        if (file.endsWith('.html') || file.endsWith('.css'))
          cpSync(path.join(dir, file), path.join(out, 'renderer', role, file));
      }
    }),
  );
}
// The capture window's JPEG encoder runs in a worker: its own bundle next to the window's.
if (existsSync(path.join(root, 'renderer/capture/frame-encoder.worker.ts'))) {
  tasks.push(
    build({
      entryPoints: ['renderer/capture/frame-encoder.worker.ts'],
      outfile: 'dist/renderer/capture/frame-encoder.js',
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'iife',
      minify: true,
      logLevel: 'warning',
      absWorkingDir: root,
    }),
  );
}
const shared = path.join(root, 'renderer', 'shared');
if (existsSync(path.join(shared, 'styles')))
  cpSync(path.join(shared, 'styles'), path.join(out, 'renderer', 'shared'), { recursive: true });

await Promise.all(tasks);
if (!quiet) console.log(`Built dist/ in ${Date.now() - started} ms.`);
