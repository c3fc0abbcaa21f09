/**
 * native-models/out/manifest.json: for each converted model its source hash (model.json or weights manifest,
 * plus shards), its own source package when it is not the manifest's, the converter's own hash, the ONNX
 * file's hash, opset and boundary shapes. "Up to date" means the manifest's
 * hashes match the sources and the converter as they are now, and the .onnx file still hashes as recorded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ioSchema = z.object({ name: z.string(), shape: z.array(z.number()) });

export const manifestEntrySchema = z.object({
  file: z.string(),
  /** The entry's own source package when it is not the manifest's, e.g. "@vladmandic/face-api@1.7.15". */
  source: z.string().optional(),
  sourceSha256: z.string(),
  converterSha256: z.string(),
  outputSha256: z.string(),
  bytes: z.number(),
  opset: z.number(),
  irVersion: z.number(),
  inputs: z.array(ioSchema),
  outputs: z.array(ioSchema),
});

export const manifestSchema = z.object({
  generator: z.string(),
  /** The package the TF.js models came from, e.g. "@vladmandic/human@3.3.6" (the engines' model ids use it). */
  source: z.string(),
  models: z.record(z.string(), manifestEntrySchema),
});

export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE = 'manifest.json';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hash of the converter's sources (this folder, sorted): a changed mapper makes every output stale. */
export function converterHash(srcDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const file of walk(srcDir).sort()) {
    hash.update(path.relative(srcDir, file).split(path.sep).join('/'));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export function readManifest(outDir: string): Manifest | null {
  const file = path.join(outDir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Why the entry is stale, or null when it is up to date. */
export function staleReason(
  entry: ManifestEntry | undefined,
  outDir: string,
  expected: { sourceSha256: string; converterSha256: string },
): string | null {
  if (!entry) return 'not converted yet';
  if (entry.sourceSha256 !== expected.sourceSha256) return 'the TF.js model changed';
  if (entry.converterSha256 !== expected.converterSha256) return 'the converter changed';
  const file = path.join(outDir, entry.file);
  if (!existsSync(file)) return `${entry.file} is missing`;
  if (sha256(readFileSync(file)) !== entry.outputSha256) return `${entry.file} was modified`;
  return null;
}

/** Stable JSON: models in name order, two-space indent, trailing newline. */
export function serialiseManifest(manifest: Manifest): string {
  const models = Object.fromEntries(Object.entries(manifest.models).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ generator: manifest.generator, source: manifest.source, models }, null, 2) + '\n';
}
