/**
 * `npx tsx scripts/eval/calibrate-threshold.ts [--backend onnx|human] [--recogniser dlib|faceres] [--far 0.001]`: the match threshold for the
 * engine's model, calibrated on every identity set under ../shared/data/faces/identities (LFW, BBT, dlib): genuine
 * and impostor pairs are formed within each set, the impostor scores of all sets are pooled, and the threshold is
 * the lowest one whose pooled false-accept rate is at most --far. Prints it with the TAR it leaves per set; the
 * chosen value goes into electron/core/matching/thresholds.ts.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../electron/core/logger.js';
import { pairScores, rateAbove, thresholdAtFar } from '../../electron/core/matching/roc.js';
import { dot } from '../../electron/core/matching/similarity.js';
import { createFaceEngine } from '../../electron/core/vision/worker-pool/engine-factory.js';
import { backendOption, recogniserOption, option, UsageError } from './cli-args.js';
import { embedPhoto, type LabelledEmbedding } from './face-eval.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const identities = path.resolve(root, '../shared/data/faces/identities');

async function main(argv: readonly string[]): Promise<void> {
  const backend = backendOption(argv, 'onnx');
  const far = Number(option(argv, '--far') ?? '0.001');
  if (!(far > 0 && far < 1)) throw new UsageError('--far must be a rate between 0 and 1, e.g. 0.001.');
  const recogniser = recogniserOption(argv);
  const engine = await createFaceEngine(
    { backend, ...(recogniser === undefined ? {} : { recogniser }) },
    createLogger({ level: 'warn' }),
  );
  try {
    const sets = (await readdir(identities, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const genuineBySet = new Map<string, number[]>();
    const impostor: number[] = [];
    for (const set of sets.sort()) {
      const samples: LabelledEmbedding[] = [];
      const people = (await readdir(path.join(identities, set), { withFileTypes: true })).filter((d) =>
        d.isDirectory(),
      );
      for (const person of people) {
        for (const file of (await readdir(path.join(identities, set, person.name))).sort()) {
          if (!/\.(jpe?g|png)$/i.test(file)) continue;
          const face = await embedPhoto(engine, path.join(identities, set, person.name, file));
          if (face?.embedding) samples.push({ label: person.name, embedding: face.embedding });
        }
      }
      const pairs = pairScores(samples, dot);
      genuineBySet.set(set, pairs.genuine);
      impostor.push(...pairs.impostor);
      process.stderr.write(`${set}: ${samples.length} faces, ${pairs.genuine.length} genuine pairs\n`);
    }
    const threshold = thresholdAtFar(impostor, far);
    console.log(`model ${engine.modelId}: threshold ${threshold.toFixed(4)} at pooled FAR <= ${far}`);
    console.log(`  impostor pairs ${impostor.length}, measured FAR ${rateAbove(impostor, threshold).toFixed(5)}`);
    for (const [set, genuine] of genuineBySet) {
      console.log(`  ${set}: TAR ${rateAbove(genuine, threshold).toFixed(4)} over ${genuine.length} genuine pairs`);
    }
  } finally {
    await engine.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
