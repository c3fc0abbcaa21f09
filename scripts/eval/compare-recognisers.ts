/**
 * `npx tsx scripts/eval/compare-recognisers.ts --dataset DIR [--dataset DIR2 ...] [--json] [--people N]
 * [--per-person M]`: the verification figures of eval:faces (face-eval.ts) for each recogniser we weigh, side by
 * side: human's faceres through our engine (human and onnx backends), dlib's 128-d ResNet as the ONNX engine runs
 * it (on chips aligned by face-align.ts), and the same ResNet through @vladmandic/face-api's own detector and
 * landmarks (eval-only, see face-api-embedder.ts). Progress on stderr, results on stdout as { dataset: { model: figures } }.
 */
import path from 'node:path';
import { createLogger } from '../../electron/core/logger.js';
import { matchThresholdFor } from '../../electron/core/matching/thresholds.js';
import { createFaceEngine, type EngineSpec } from '../../electron/core/vision/worker-pool/engine-factory.js';
import { countOption, UsageError } from './cli-args.js';
import { comparedFigures, datasetOptions, type ComparedFigures } from './compare-figures.js';
import { createFaceApiEmbedder } from './face-api-embedder.js';
import { engineEmbedder, evaluateEmbedder, type PhotoEmbedder } from './face-eval.js';

const USAGE =
  'Usage: npx tsx scripts/eval/compare-recognisers.ts --dataset DIR [--dataset DIR2 ...] [--json] [--people N] [--per-person M]\n' +
  'DIR holds one folder of photos per person, e.g. ../shared/data/faces/identities/lfw';

interface Candidate {
  readonly model: string;
  readonly embedder: PhotoEmbedder;
  readonly threshold: number;
  close(): Promise<void>;
}

async function candidates(): Promise<Candidate[]> {
  const logger = createLogger({ level: 'warn' });
  const out: Candidate[] = [];
  const engines: [string, EngineSpec][] = [
    ['faceres (human)', { backend: 'human' }],
    ['faceres (onnx)', { backend: 'onnx', recogniser: 'faceres' }],
    ['dlib resnet128 (onnx, aligned chips)', { backend: 'onnx', recogniser: 'dlib' }],
  ];
  for (const [model, spec] of engines) {
    const engine = await createFaceEngine(spec, logger);
    out.push({
      model,
      embedder: engineEmbedder(engine),
      threshold: matchThresholdFor(engine.modelId),
      close: () => engine.close(),
    });
  }
  const faceApi = await createFaceApiEmbedder();
  // No shipped threshold exists for face-api: cosine 0.82 is dlib's Euclidean 0.6 on unit vectors (1 - 0.6²/2).
  out.push({
    model: "face-api resnet128 (face-api's own pipeline)",
    embedder: faceApi,
    threshold: 0.82,
    close: () => faceApi.close(),
  });
  return out;
}

async function main(argv: readonly string[]): Promise<void> {
  const datasets = datasetOptions(argv);
  const maxPeople = countOption(argv, '--people');
  const maxPerPerson = countOption(argv, '--per-person');
  const models = await candidates();
  const results: Record<string, Record<string, ComparedFigures>> = {};
  try {
    for (const dataset of datasets) {
      const name = path.basename(path.resolve(dataset));
      const perModel: Record<string, ComparedFigures> = {};
      for (const candidate of models) {
        process.stderr.write(`${name} / ${candidate.model}\n`);
        const result = await evaluateEmbedder({
          dataset: path.resolve(dataset),
          embedder: candidate.embedder,
          threshold: candidate.threshold,
          ...(maxPeople === undefined ? {} : { maxPeople }),
          ...(maxPerPerson === undefined ? {} : { maxPerPerson }),
          progress: (message) => process.stderr.write(`  ${message}\n`),
        });
        perModel[candidate.model] = comparedFigures(result);
      }
      results[name] = perModel;
    }
  } finally {
    for (const candidate of models) await candidate.close();
  }
  if (argv.includes('--json')) {
    console.log(JSON.stringify(results));
    return;
  }
  for (const [dataset, perModel] of Object.entries(results)) {
    console.log(dataset);
    for (const [model, figures] of Object.entries(perModel)) {
      const cells = Object.entries(figures).map(([key, value]) => `${key}=${value}`);
      console.log(`  ${model.padEnd(22)} ${cells.join('  ')}`);
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(`compare-recognisers failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
