/**
 * `npm run eval:faces -- --dataset DIR [--json] [--backend onnx|human] [--recogniser dlib|faceres] [--people N] [--per-person M]`: face
 * recognition accuracy on a folder of identities (see face-eval.ts). Progress on stderr, results on stdout.
 */
import path from 'node:path';
import { createLogger } from '../../electron/core/logger.js';
import { matchThresholdFor } from '../../electron/core/matching/thresholds.js';
import { createFaceEngine } from '../../electron/core/vision/worker-pool/engine-factory.js';
import { backendOption, recogniserOption, countOption, option, UsageError } from './cli-args.js';
import { evaluateFaces } from './face-eval.js';

const USAGE =
  'Usage: npm run eval:faces -- --dataset DIR [--json] [--backend onnx|human] [--recogniser dlib|faceres] [--people N] [--per-person M]\n' +
  'DIR holds one folder of photos per person, e.g. ../shared/data/faces/identities/lfw';

async function main(argv: readonly string[]): Promise<void> {
  const dataset = option(argv, '--dataset');
  if (!dataset) throw new UsageError('Say which photos to evaluate with --dataset DIR.');
  const backend = backendOption(argv, 'onnx');
  const maxPeople = countOption(argv, '--people');
  const maxPerPerson = countOption(argv, '--per-person');
  const recogniser = recogniserOption(argv);
  const engine = await createFaceEngine(
    { backend, ...(recogniser === undefined ? {} : { recogniser }) },
    createLogger({ level: 'warn' }),
  );
  try {
    const result = await evaluateFaces({
      dataset: path.resolve(dataset),
      engine,
      threshold: matchThresholdFor(engine.modelId),
      ...(maxPeople === undefined ? {} : { maxPeople }),
      ...(maxPerPerson === undefined ? {} : { maxPerPerson }),
      progress: (message) => process.stderr.write(`${message}\n`),
    });
    if (argv.includes('--json')) {
      console.log(JSON.stringify(result));
    } else {
      for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(32)} ${value}`);
    }
  } finally {
    await engine.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(`eval:faces failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
