/**
 * Converts a set of TF.js models to ONNX files plus a manifest, skipping the ones already up to date: human's
 * graph models, and face-api's dlib ResNet recogniser (built from its weights, see face-api-resnet.ts; skipped
 * with a progress line when @vladmandic/face-api, a dev dependency, is not installed). Used by `npm run models`
 * (convert-all.ts), postinstall (through it) and the tests that need the outputs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertGraph, OPSET } from './convert.js';
import {
  buildFaceApiResnet,
  DLIBRES_MODEL,
  faceApiModelDir,
  faceApiResnetFiles,
  readFaceApiResnetWeights,
} from './face-api-resnet.js';
import type { OnnxGraph } from './graph-builder.js';
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
import { modelFiles, readTfGraph, sourceHash, type TfModelFiles } from './tfjs-graph.js';

/** human's face models the pipeline runs (facemesh is off in the pipeline: see human-engine.ts). */
export const FACE_MODELS = ['blazeface', 'faceres', 'emotion', 'antispoof', 'liveness'] as const;
export type FaceModelName = (typeof FACE_MODELS)[number];
/** Everything `npm run models` converts: human's models plus face-api's dlib ResNet recogniser. */
export const ALL_MODELS = [...FACE_MODELS, DLIBRES_MODEL] as const;

const here = path.dirname(fileURLToPath(import.meta.url));
export const NATIVE_MODELS_DIR = path.resolve(here, '..');
export const DEFAULT_OUT_DIR = path.join(NATIVE_MODELS_DIR, 'out');

/** The models folder of the installed @vladmandic/human. */
export function humanModelsDir(): string {
  const require = createRequire(import.meta.url);
  // The package's "exports" hide package.json; its main entry lives in dist/, beside models/.
  return path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
}

/** "<package>@<version>" for a package's models folder (human's models/, face-api's model/), else the folder. */
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
  /** face-api's model/ folder for dlibres; null when it is not installed. Default: the installed package's. */
  readonly faceApiModelDir?: string | null;
  /** Reconvert even when up to date. */
  readonly force?: boolean;
  readonly progress?: (line: string) => void;
}

export interface ConvertReport {
  readonly converted: readonly string[];
  readonly upToDate: readonly string[];
  /** Models whose source is not installed (dlibres without @vladmandic/face-api). */
  readonly skipped: readonly string[];
  readonly manifest: Manifest;
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** How to convert one model: its source files (hashed for staleness) and the graph they make. */
interface Recipe {
  readonly files: TfModelFiles;
  /** The entry's own source label, when it differs from the manifest's (human's). */
  readonly source: string | undefined;
  build(): { graph: OnnxGraph; summary: string };
}

function recipeFor(name: string, sourceDir: string, faceApiDir: string | null): Recipe | null {
  if (name === DLIBRES_MODEL) {
    if (faceApiDir === null) return null;
    const files = faceApiResnetFiles(faceApiDir, name);
    return {
      files,
      source: sourceLabel(faceApiDir),
      build: () => {
        const weights = readFaceApiResnetWeights(files, name);
        const graph = buildFaceApiResnet(weights, name);
        return { graph, summary: `${weights.size} face-api weights -> ${graph.nodes.length} ONNX nodes` };
      },
    };
  }
  const files = modelFiles(sourceDir, name);
  return {
    files,
    source: undefined,
    build: () => {
      const tf = readTfGraph(files, name);
      const graph = convertGraph(tf, name);
      return { graph, summary: `${tf.nodes.length} TF nodes -> ${graph.nodes.length} ONNX nodes` };
    },
  };
}

export function convertModels(options: ConvertOptions = {}): ConvertReport {
  const sourceDir = options.sourceDir ?? humanModelsDir();
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const names = options.models ?? ALL_MODELS;
  const faceApiDir = options.faceApiModelDir === undefined ? faceApiModelDir() : options.faceApiModelDir;
  const progress = options.progress ?? (() => undefined);
  mkdirSync(outDir, { recursive: true });
  const converterSha256 = converterHash(here);
  const previous = readManifest(outDir);
  const models: Record<string, ManifestEntry> = { ...(previous?.models ?? {}) };
  const converted: string[] = [];
  const upToDate: string[] = [];
  const skipped: string[] = [];
  let relabelled = false;

  for (const name of names) {
    const recipe = recipeFor(name, sourceDir, faceApiDir);
    if (!recipe) {
      skipped.push(name);
      progress(
        `${name}: skipped: @vladmandic/face-api is not installed (a dev dependency); the engine runs without it`,
      );
      continue;
    }
    const sourceSha256 = sourceHash(recipe.files);
    const previousEntry = models[name];
    const reason = staleReason(previousEntry, outDir, { sourceSha256, converterSha256 });
    if (reason === null && !options.force && previousEntry) {
      // Same files under a new package version: only the label changes.
      if (previousEntry.source !== recipe.source) {
        models[name] = { ...previousEntry, source: recipe.source };
        relabelled = true;
      }
      upToDate.push(name);
      progress(`${name}: up to date`);
      continue;
    }
    const started = performance.now();
    progress(`${name}: converting (${options.force ? 'forced' : reason})…`);
    const { graph: built, summary } = recipe.build();
    const bytes = encodeModel(built, name);
    const file = `${name}.onnx`;
    writeAtomic(path.join(outDir, file), bytes);
    models[name] = {
      file,
      ...(recipe.source === undefined ? {} : { source: recipe.source }),
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
      `${name}: ${summary}, ${(bytes.length / 1e6).toFixed(2)} MB in ${Math.round(performance.now() - started)} ms`,
    );
  }
  const manifest: Manifest = {
    generator: `${PRODUCER.name}@${PRODUCER.version}`,
    source: sourceLabel(sourceDir),
    models,
  };
  if (converted.length > 0 || relabelled || !previous || previous.source !== manifest.source)
    writeAtomic(path.join(outDir, 'manifest.json'), serialiseManifest(manifest));
  return { converted, upToDate, skipped, manifest };
}
