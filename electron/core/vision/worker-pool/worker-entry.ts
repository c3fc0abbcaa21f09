/**
 * How to start a face worker. Built (esbuild, CommonJS): `face-worker.cjs` beside the running bundle, which
 * scripts/build.mjs writes next to each core bundle. From TypeScript sources (vitest, tsx scripts): a two-line
 * bootstrap that registers tsx's loader inside the worker and imports the .ts entry, so tests need no build step
 * and exercise real threads. (`execArgv: ['--import', 'tsx']` does not reach a worker's entry on Node 20.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type WorkerEntry =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'eval'; readonly code: string };

export function faceWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith('.cjs') || here.endsWith('.js')) {
    return { kind: 'file', file: path.join(path.dirname(here), 'face-worker.cjs') };
  }
  const tsxApi = pathToFileURL(tsxEsmApi(moduleUrl)).href;
  const entry = pathToFileURL(path.join(path.dirname(here), 'face-worker.ts')).href;
  return {
    kind: 'eval',
    code: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
  };
}

/** The ESM build of tsx's register API, from tsx's own exports map (require.resolve would give the CommonJS one). */
function tsxEsmApi(moduleUrl: string): string {
  const manifest = createRequire(moduleUrl).resolve('tsx/package.json');
  const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
  const target = (parsed as { exports?: Record<string, { import?: { default?: string } }> }).exports?.['./esm/api']
    ?.import?.default;
  if (typeof target !== 'string') throw new Error("tsx's package does not export './esm/api' for import");
  return path.join(path.dirname(manifest), target);
}
