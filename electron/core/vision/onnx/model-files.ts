/**
 * Where the converted ONNX models live and what the manifest says about them. Looked for, in order: the
 * folder given, the packaged app's resources (resources/native-models, see electron-builder.yml), and
 * native-models/out above this module (a checkout, also when bundled into dist/). A missing or incomplete
 * folder is an error that says what to run, so the caller can fall back to the human backend.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ONNX_MODELS = ['blazeface', 'faceres', 'emotion', 'antispoof', 'liveness'] as const;
export type OnnxModelName = (typeof ONNX_MODELS)[number];

/**
 * Models the folder may or may not hold: dlibres (face-api's dlib ResNet recogniser) is only converted where
 * the @vladmandic/face-api dev dependency is installed. Kept out of ONNX_MODELS so locateModelFiles (and the
 * engine that loads every ONNX_MODELS entry) never requires them; locateOptionalModel finds one.
 */
export const OPTIONAL_ONNX_MODELS = ['dlibres'] as const;
export type OptionalOnnxModelName = (typeof OPTIONAL_ONNX_MODELS)[number];

const manifestSchema = z.object({
  source: z.string().optional(),
  models: z.record(
    z.string(),
    z.object({
      file: z.string(),
      /** The entry's own source package when it is not the manifest's (dlibres: "@vladmandic/face-api@…"). */
      source: z.string().optional(),
      inputs: z.array(z.object({ name: z.string(), shape: z.array(z.number()) })),
      outputs: z.array(z.object({ name: z.string(), shape: z.array(z.number()) })),
    }),
  ),
});

export interface ModelFiles {
  readonly dir: string;
  /** e.g. "@vladmandic/human@3.3.6": the package the TF.js models came from. */
  readonly source: string | undefined;
  readonly models: Readonly<Record<OnnxModelName, { path: string; input: string; outputs: readonly string[] }>>;
}

export interface OptionalModelFile {
  readonly path: string;
  readonly input: string;
  readonly outputs: readonly string[];
  /** e.g. "@vladmandic/face-api@1.7.15": the entry's own source, else the manifest's. */
  readonly source: string | undefined;
}

function candidates(explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  const found: string[] = [];
  const resources = (process as { resourcesPath?: unknown }).resourcesPath;
  if (typeof resources === 'string') found.push(path.join(resources, 'native-models'));
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    found.push(path.join(dir, 'native-models', 'out'));
    dir = path.dirname(dir);
  }
  return found;
}

export function locateModelFiles(explicitDir?: string): ModelFiles {
  const tried = candidates(explicitDir);
  const dir = tried.find((d) => existsSync(path.join(d, 'manifest.json')));
  if (!dir) {
    throw new Error(`The ONNX face models are missing (looked in ${tried.join(', ')}). Run: npm run models`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  if (!parsed.success) throw new Error(`${dir}/manifest.json is not a model manifest. Run: npm run models -- --force`);
  const entries = {} as Record<OnnxModelName, { path: string; input: string; outputs: readonly string[] }>;
  for (const name of ONNX_MODELS) {
    const entry = parsed.data.models[name];
    const file = entry ? path.join(dir, entry.file) : '';
    if (!entry || !existsSync(file) || !entry.inputs[0]) {
      throw new Error(`The ONNX model '${name}' is missing from ${dir}. Run: npm run models`);
    }
    entries[name] = { path: file, input: entry.inputs[0].name, outputs: entry.outputs.map((o) => o.name) };
  }
  return { dir, source: parsed.data.source, models: entries };
}

/** An optional model in the folder locateModelFiles found, or null when it was not converted there. */
export function locateOptionalModel(files: ModelFiles, name: OptionalOnnxModelName): OptionalModelFile | null {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path.join(files.dir, 'manifest.json'), 'utf8')));
  const entry = parsed.success ? parsed.data.models[name] : undefined;
  const file = entry ? path.join(files.dir, entry.file) : '';
  if (!entry || !entry.inputs[0] || !existsSync(file)) return null;
  return {
    path: file,
    input: entry.inputs[0].name,
    outputs: entry.outputs.map((o) => o.name),
    source: entry.source ?? files.source,
  };
}
