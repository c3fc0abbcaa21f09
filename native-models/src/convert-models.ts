/**
 * Converts a set of TF.js models to ONNX files plus a manifest, skipping the ones already up to date.
 * Used by `npm run models` (convert-all.ts), postinstall (through it) and the tests that need the outputs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertGraph, OPSET } from './convert.js';
import {
  converterHash,
  readManifest,
  serialiseManifest,
  sha256,
  staleReason,
  type Manifest,
  type ManifestEntry,
} from './manifest.js';
import { encodeModel, IR_VERSION, PRODUCER } from './onnx-writer.js';
import { modelFiles, readTfGraph, sourceHash } from './tfjs-graph.js';

/** human's face models the pipeline runs (facemesh is off in the pipeline: see human-engine.ts). */
export const FACE_MODELS = ['blazeface', 'faceres', 'emotion', 'antispoof', 'liveness'] as const;
export type FaceModelName = (typeof FACE_MODELS)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
export const NATIVE_MODELS_DIR = path.resolve(here, '..');
export const DEFAULT_OUT_DIR = path.join(NATIVE_MODELS_DIR, 'out');

/** The models folder of the installed @vladmandic/human. */
export function humanModelsDir(): string {
  const require = createRequire(import.meta.url);
  // The package's "exports" hide package.json; its main entry lives in dist/, beside models/.
  return path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
}

/** "@vladmandic/human@<version>" for human's models folder, else the folder itself. */
function sourceLabel(sourceDir: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(sourceDir, '..', 'package.json'), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && 'version' in pkg) {
      return `${String(pkg.name)}@${String(pkg.version)}`;
    }
  } catch {
    // not inside a package: fall through
  }
  return sourceDir;
}

export interface ConvertOptions {
  readonly sourceDir?: string;
  readonly outDir?: string;
  readonly models?: readonly string[];
  /** Reconvert even when up to date. */
  readonly force?: boolean;
  readonly progress?: (line: string) => void;
}

export interface ConvertReport {
  readonly converted: readonly string[];
  readonly upToDate: readonly string[];
  readonly manifest: Manifest;
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function convertModels(options: ConvertOptions = {}): ConvertReport {
  const sourceDir = options.sourceDir ?? humanModelsDir();
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const names = options.models ?? FACE_MODELS;
  const progress = options.progress ?? (() => undefined);
  mkdirSync(outDir, { recursive: true });
  const converterSha256 = converterHash(here);
  const previous = readManifest(outDir);
  const models: Record<string, ManifestEntry> = { ...(previous?.models ?? {}) };
  const converted: string[] = [];
  const upToDate: string[] = [];

  for (const name of names) {
    const files = modelFiles(sourceDir, name);
    const sourceSha256 = sourceHash(files);
    const reason = staleReason(models[name], outDir, { sourceSha256, converterSha256 });
    if (reason === null && !options.force) {
      upToDate.push(name);
      progress(`${name}: up to date`);
      continue;
    }
    const started = performance.now();
    progress(`${name}: converting (${options.force ? 'forced' : reason})…`);
    const graph = readTfGraph(files, name);
    const built = convertGraph(graph, name);
    const bytes = encodeModel(built, name);
    const file = `${name}.onnx`;
    writeAtomic(path.join(outDir, file), bytes);
    models[name] = {
      file,
      sourceSha256,
      converterSha256,
      outputSha256: sha256(bytes),
      bytes: bytes.length,
      opset: OPSET,
      irVersion: IR_VERSION,
      inputs: built.inputs.map((io) => ({ name: io.name, shape: [...io.shape] })),
      outputs: built.outputs.map((io) => ({ name: io.name, shape: [...io.shape] })),
    };
    converted.push(name);
    progress(
      `${name}: ${graph.nodes.length} TF nodes -> ${built.nodes.length} ONNX nodes, ` +
        `${(bytes.length / 1e6).toFixed(2)} MB in ${Math.round(performance.now() - started)} ms`,
    );
  }
  const manifest: Manifest = {
    generator: `${PRODUCER.name}@${PRODUCER.version}`,
    source: sourceLabel(sourceDir),
    models,
  };
  if (converted.length > 0 || !previous || previous.source !== manifest.source)
    writeAtomic(path.join(outDir, 'manifest.json'), serialiseManifest(manifest));
  return { converted, upToDate, manifest };
}
