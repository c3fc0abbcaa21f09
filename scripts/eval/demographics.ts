/**
 * `npm run eval:demographics -- --labels CSV [--json] [--backend onnx|human] [--limit N]`: age-group and gender
 * accuracy on labelled photos (see demographics-eval.ts). Progress on stderr, results on stdout.
 */
import path from 'node:path';
import { createLogger } from '../../electron/core/logger.js';
import { createFaceEngine } from '../../electron/core/vision/worker-pool/engine-factory.js';
import { backendOption, countOption, option, UsageError } from './cli-args.js';
import { evaluateDemographics, type GroupFigures } from './demographics-eval.js';

const USAGE =
  'Usage: npm run eval:demographics -- --labels CSV [--json] [--backend onnx|human] [--limit N]\n' +
  'CSV columns: file,age_group,gender, e.g. ../shared/data/faces/age-gender/fairface-dev/labels.csv';

async function main(argv: readonly string[]): Promise<void> {
  const labels = option(argv, '--labels');
  if (!labels) throw new UsageError('Say which labelled photos to evaluate with --labels CSV.');
  const backend = backendOption(argv, 'onnx');
  const limit = countOption(argv, '--limit');
  const engine = await createFaceEngine({ backend }, createLogger({ level: 'warn' }));
  try {
    const result = await evaluateDemographics({
      labels: path.resolve(labels),
      engine,
      ...(limit === undefined ? {} : { limit }),
      progress: (message) => process.stderr.write(`${message}\n`),
    });
    if (argv.includes('--json')) {
      console.log(JSON.stringify(result));
      return;
    }
    const line = (label: string, f: GroupFigures) =>
      `${label.padEnd(14)} ${String(f.detected).padStart(4)}/${String(f.images).padEnd(4)}  gender ${f.gender_accuracy}  ` +
      `age group ${f.age_group_accuracy}  within one ${f.age_group_within_one}`;
    console.log(line('all', result));
    for (const [group, f] of Object.entries(result.by_group.age_group)) console.log(line(`age ${group}`, f));
    for (const [group, f] of Object.entries(result.by_group.gender)) console.log(line(group, f));
  } finally {
    await engine.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(`eval:demographics failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
