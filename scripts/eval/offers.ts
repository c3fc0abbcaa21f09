/**
 * `npm run eval:offers`: measures the offers engine (the same code the product runs) on real purchase history
 * split by time, next to two baselines computed in the same run. See HELP for usage and what is done with the data.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  parseCsvDate,
  readTransactionsCsv,
  type CsvTransactions,
} from '../../electron/core/offers/csv-transactions.js';
import { evaluateOffers, splitAt, type EvalReport } from '../../electron/core/offers/evaluate.js';
import { DEFAULT_OFFER_TUNING, type OfferTuning } from '../../electron/core/offers/model.js';
import type { PurchaseLine } from '../../electron/core/offers/purchase-line.js';

export const HELP = `Usage:
  npm run eval:offers -- --train FILE --test FILE [--k 5] [--json] [--seed N] [--tune]
  npm run eval:offers -- --transactions FILE --cutoff YYYY-MM-DD [--k 5] [--json] [--seed N] [--tune]

For every customer with purchases before the cut-off and after it, the engine recommends k items from the part
before the cut-off only; they are scored against the distinct items the customer bought after it:
  hit_rate   share of customers who bought at least one of the k items
  precision  mean share of the k items they bought
  recall     mean share of the items they bought that were among the k
Two baselines are computed in the same run on the same customers:
  baseline_history_random  k random lines of the customer's own past orders, distinct items (the seed system's
                           method; a seeded generator, --seed, default 42)
  baseline_popular         the k items bought by the most customers before the cut-off, the same for everyone

Files (CSV, optionally gzip-compressed; the layout is found from the header):
  Online Retail  InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
  generic        customer,date,item  (other columns ignored; an optional basket column groups lines, otherwise a
                 customer's lines with the same date are one basket)
With --train/--test the cut-off is the earliest date in the test file; train lines at or after it are ignored.

What is done with the data's quirks (Online Retail):
  - cancellations (InvoiceNo starting with C) are dropped: they undo a sale; the sale itself still shows interest
  - quantity <= 0 (returns, corrections) and unit price <= 0 (samples, bad-debt adjustments) are dropped
  - stock codes not starting with five digits are not products and are dropped (POST, DOT, M, D, C2, S, PADS,
    BANK CHARGES, AMAZONFEE, CRUK, gift_0001_*, DCGS* …)
  - rows without a CustomerID belong to no customer: they are not evaluated, but their baskets still count for
    "bought together" and popularity
  - "17850.0" and "17850" are the same customer; stock codes are compared upper-case; dates are read as UTC
  - rows whose date does not parse are dropped; every drop is counted per reason in the report

--tune  picks the engine's weights on an earlier split INSIDE the training part (the last stretch of it, as long as
        the test part, is the validation part), then evaluates that choice once on the test part. Without --tune
        the product's defaults are evaluated.
--json  prints one JSON object (keys: customers, k, model, baseline_history_random, baseline_popular, each
        with hit_rate, precision, recall; plus hit_rate_vs_best_baseline, cutoff, data, tuning).`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

interface Args {
  train?: string;
  test?: string;
  transactions?: string;
  cutoff?: string;
  k: number;
  json: boolean;
  seed: number;
  tune: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { k: 5, json: false, seed: 42, tune: false, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] as string;
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
      i += 1;
      return v;
    };
    const count = (name: string) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of at least 1.`);
      return n;
    };
    switch (flag) {
      case '--train':
        args.train = value();
        break;
      case '--test':
        args.test = value();
        break;
      case '--transactions':
        args.transactions = value();
        break;
      case '--cutoff':
        args.cutoff = value();
        break;
      case '--k':
        args.k = count('--k');
        break;
      case '--seed':
        args.seed = count('--seed');
        break;
      case '--json':
        args.json = true;
        break;
      case '--tune':
        args.tune = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag}.`);
    }
  }
  if (args.help) return args;
  const pair = args.train !== undefined || args.test !== undefined;
  const single = args.transactions !== undefined || args.cutoff !== undefined;
  if (pair === single)
    throw new UsageError('Give either --train FILE --test FILE, or --transactions FILE --cutoff DATE.');
  if (pair && (args.train === undefined || args.test === undefined))
    throw new UsageError('--train and --test go together: give both files.');
  if (single && (args.transactions === undefined || args.cutoff === undefined))
    throw new UsageError('--transactions needs --cutoff DATE (e.g. 2011-07-01) to split the file by date.');
  return args;
}

/** A small grid around the defaults; every point is scored on the validation part inside the training data. */
const TUNING_GRID: readonly Partial<OfferTuning>[] = [
  {},
  { halfLifeDays: 30 },
  { halfLifeDays: 365 },
  { repurchaseExponent: 0 },
  { repurchaseExponent: 1 },
  { pairingWeight: 0 },
  { pairingWeight: 0.1 },
  { popularWeight: 0.05 },
  { popularWeight: 0.5 },
  { similarity: 'lift', pairingWeight: 0.05 },
];

function tune(
  train: readonly PurchaseLine[],
  cutoff: number,
  span: number,
  k: number,
  seed: number,
  io: CliIo,
): { tuning: OfferTuning; validationCutoff: string; validation: { tuning: Partial<OfferTuning>; hit_rate: number }[] } {
  const first = train.reduce((min, line) => Math.min(min, line.at), Infinity);
  const innerCutoff = cutoff - Math.min(span, (cutoff - first) / 2);
  const inner = splitAt(train, innerCutoff);
  const validation = TUNING_GRID.map((change) => {
    const tuning = { ...DEFAULT_OFFER_TUNING, ...change };
    const report = evaluateOffers(inner.train, inner.test, { k, now: innerCutoff, tuning, seed });
    io.err(`tune ${JSON.stringify(change)}: hit_rate ${report.model.hit_rate} precision ${report.model.precision}`);
    return { tuning: change, hit_rate: report.model.hit_rate, precision: report.model.precision };
  });
  // Best hit rate; precision breaks ties; the first (the defaults) wins a full tie.
  const best = validation.reduce((a, b) =>
    b.hit_rate > a.hit_rate || (b.hit_rate === a.hit_rate && b.precision > a.precision) ? b : a,
  );
  return {
    tuning: { ...DEFAULT_OFFER_TUNING, ...best.tuning },
    validationCutoff: new Date(innerCutoff).toISOString(),
    validation: validation.map(({ tuning, hit_rate }) => ({ tuning, hit_rate })),
  };
}

function skippedTotal(data: CsvTransactions): number {
  return Object.values(data.skipped).reduce((a, b) => a + b, 0);
}

function table(report: EvalReport): string {
  const rows: [string, EvalReport['model']][] = [
    ['model', report.model],
    ['baseline_history_random', report.baseline_history_random],
    ['baseline_popular', report.baseline_popular],
  ];
  const head = `${''.padEnd(24)}  ${'hit_rate'.padStart(8)}  ${'precision'.padStart(9)}  ${'recall'.padStart(7)}`;
  const lines = rows.map(
    ([label, m]) =>
      `${label.padEnd(24)}  ${m.hit_rate.toFixed(4).padStart(8)}  ${m.precision.toFixed(4).padStart(9)}  ${m.recall.toFixed(4).padStart(7)}`,
  );
  return [
    `customers ${report.customers}, k ${report.k}`,
    head,
    ...lines,
    `model hit rate / better baseline: ${report.hit_rate_vs_best_baseline}`,
  ].join('\n');
}

/** Runs the tool; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runEvalOffers(argv: readonly string[], io: CliIo): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    io.out(HELP);
    return 0;
  }
  const started = Date.now();
  try {
    let train: PurchaseLine[];
    let test: PurchaseLine[];
    let cutoff: number;
    const data: Record<string, unknown> = {};
    if (args.transactions !== undefined && args.cutoff !== undefined) {
      const parsed = parseCsvDate(args.cutoff);
      if (parsed === null) {
        io.err(`--cutoff ${args.cutoff} is not a date: write it as YYYY-MM-DD (e.g. 2011-07-01).`);
        return 2;
      }
      cutoff = parsed;
      const all = await readTransactionsCsv(args.transactions);
      ({ train, test } = splitAt(all.lines, cutoff));
      Object.assign(data, { file: path.basename(args.transactions), layout: all.layout, rows: all.rows });
      Object.assign(data, { skipped: all.skipped, skipped_total: skippedTotal(all) });
    } else {
      const [trainData, testData] = await Promise.all([
        readTransactionsCsv(args.train ?? ''),
        readTransactionsCsv(args.test ?? ''),
      ]);
      test = testData.lines;
      cutoff = test.reduce((min, line) => Math.min(min, line.at), Infinity);
      if (!Number.isFinite(cutoff)) {
        io.err(`${args.test} has no usable purchases: there is nothing to score against.`);
        return 1;
      }
      train = trainData.lines.filter((line) => line.at < cutoff);
      const ignored = trainData.lines.length - train.length;
      if (ignored > 0) io.err(`${ignored} train lines at or after the test part's first date were ignored.`);
      Object.assign(data, {
        layout: { train: trainData.layout, test: testData.layout },
        skipped: { train: trainData.skipped, test: testData.skipped },
      });
    }
    if (train.length === 0 || test.length === 0) {
      io.err('One side of the split is empty: choose a cut-off with purchases before and after it.');
      return 1;
    }
    const span = test.reduce((max, line) => Math.max(max, line.at), -Infinity) - cutoff + 1;
    const tuned = args.tune ? tune(train, cutoff, span, args.k, args.seed, io) : null;
    const tuning = tuned?.tuning ?? DEFAULT_OFFER_TUNING;
    const report = evaluateOffers(train, test, { k: args.k, now: cutoff, tuning, seed: args.seed });
    if (report.customers === 0) {
      io.err('No customer bought both before and after the cut-off: there is nobody to evaluate.');
      return 1;
    }
    const result = {
      ...report,
      cutoff: new Date(cutoff).toISOString(),
      data: { ...data, train_lines: train.length, test_lines: test.length },
      tuning,
      ...(tuned === null ? {} : { tuned_on: { validation_cutoff: tuned.validationCutoff, grid: tuned.validation } }),
      seed: args.seed,
      elapsed_ms: Date.now() - started,
    };
    io.out(args.json ? JSON.stringify(result, null, 2) : table(report));
    return 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runEvalOffers(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`eval:offers failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
