/**
 * Loads TF.js graph models from `file://` URLs in plain Node. tfjs-node (which ships such a loader)
 * cannot install here, and fetch() does not read files, so without this router human's model loads
 * fail. Every field of model.json is passed through (signature above all: without it faceres runs
 * but yields an empty descriptor, because human finds its outputs by the signature's shapes).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';

type Tf = typeof TfCore;
type ModelJSON = TfCore.io.ModelJSON;
type WeightsManifestConfig = TfCore.io.WeightsManifestConfig;
type WeightsManifestEntry = TfCore.io.WeightsManifestEntry;

const PROBE_URL = 'file:///probe/model.json';

/** Parses model.json just enough to hand it to tf.io, which reads the optional fields itself. */
function parseModelJson(text: string, file: string): ModelJSON {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !('modelTopology' in parsed) || !('weightsManifest' in parsed)) {
    throw new Error(`Model file ${file} is not a TF.js graph model (no modelTopology/weightsManifest).`);
  }
  // tf.io validates the remaining structure when it builds the artifacts.
  return parsed as ModelJSON;
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/** An IOHandler that reads one model.json and its weight shards from disk. */
export function fileModelHandler(tf: Tf, modelJsonPath: string): TfCore.io.IOHandler {
  return {
    load: async () => {
      const json = parseModelJson(await readFile(modelJsonPath, 'utf8'), modelJsonPath);
      const dir = path.dirname(modelJsonPath);
      return tf.io.getModelArtifactsForJSON(json, async (manifest: WeightsManifestConfig) => {
        const specs: WeightsManifestEntry[] = [];
        const shards: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const shard of group.paths) shards.push(toArrayBuffer(await readFile(path.join(dir, shard))));
        }
        return [specs, tf.io.concatenateArrayBuffers(shards)];
      });
    },
  };
}

/**
 * Registers the `file://` load router on this tf instance, once. tf.io keeps routers in its own
 * registry (global to the tfjs-core module), so a second engine in the same process must not add a
 * second router.
 */
export function ensureFileModelRouter(tf: Tf): void {
  if (tf.io.getLoadHandlers(PROBE_URL).length > 0) return;
  tf.io.registerLoadRouter((url: string | string[]) => {
    const first = Array.isArray(url) ? url[0] : url;
    // tf.io's own routers answer "not mine" with null and the registry skips it; the IORouter type omits that.
    if (typeof first !== 'string' || !first.startsWith('file://')) return null as unknown as TfCore.io.IOHandler;
    return fileModelHandler(tf, fileURLToPath(first));
  });
}
