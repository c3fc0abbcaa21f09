import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../electron/core/store/testing.js';
import { runEvalOffers } from './offers.js';

let dir: string;
let file: string;

/**
 * Six customers with steady habits in January and the same habits in February; "tea" is what the most people buy,
 * so the popular baseline offers it to everyone; each customer's own staple is what the engine should find.
 */
function generic(): string {
  const rows = ['customer,date,item'];
  const staples = ['bread', 'milk', 'eggs', 'jam', 'rice', 'soap'];
  staples.forEach((staple, c) => {
    for (let day = 1; day <= 28; day += 3) rows.push(`c${c},2024-01-${String(day).padStart(2, '0')},${staple}`);
    rows.push(`c${c},2024-01-02,tea`, `c${c},2024-01-05,odd-${c}-a`, `c${c},2024-01-06,odd-${c}-b`);
    rows.push(`c${c},2024-02-03,${staple}`);
  });
  rows.push('x9,2024-01-03,tea', 'x8,2024-01-03,tea', 'x7,2024-02-04,tea');
  return rows.join('\n') + '\n';
}

beforeAll(() => {
  dir = tempDir();
  file = path.join(dir, 'purchases.csv');
  fs.writeFileSync(file, generic());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEvalOffers(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('npm run eval:offers', () => {
  it('scores the engine and both baselines on a generic CSV split by date, with the documented JSON keys', async () => {
    const { code, out } = await run(['--transactions', file, '--cutoff', '2024-02-01', '--k', '1', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(report).toMatchObject({
      customers: 6,
      k: 1,
      model: { hit_rate: 1, precision: 1, recall: 1 },
      baseline_popular: { hit_rate: 0, precision: 0, recall: 0 },
      cutoff: '2024-02-01T00:00:00.000Z',
      data: { layout: 'generic', train_lines: 80, test_lines: 7 },
    });
    const random = report.baseline_history_random as { hit_rate: number; precision: number; recall: number };
    expect(random.hit_rate).toBeGreaterThan(0);
    expect(random.hit_rate).toBeLessThan(1);
  });

  it('gives the same figures from a train and a test file as from one file and a cut-off', async () => {
    const [header, ...rows] = generic().trim().split('\n');
    const train = path.join(dir, 'train.csv');
    const test = path.join(dir, 'test.csv');
    fs.writeFileSync(train, [header, ...rows.filter((r) => r.includes(',2024-01-'))].join('\n'));
    fs.writeFileSync(test, [header, ...rows.filter((r) => r.includes(',2024-02-'))].join('\n'));
    const pair = JSON.parse((await run(['--train', train, '--test', test, '--k', '2', '--json'])).out) as Record<
      string,
      unknown
    >;
    const single = JSON.parse(
      (await run(['--transactions', file, '--cutoff', '2024-02-03', '--k', '2', '--json'])).out,
    ) as Record<string, unknown>;
    for (const key of ['customers', 'model', 'baseline_history_random', 'baseline_popular'])
      expect(pair[key]).toEqual(single[key]);
  });

  it('prints a table for people without --json', async () => {
    const { code, out } = await run(['--transactions', file, '--cutoff', '2024-02-01']);
    expect(code).toBe(0);
    expect(out).toMatch(/customers 6, k 5/);
    expect(out).toMatch(/baseline_history_random/);
  });

  it('explains what is wrong with the arguments and exits with 2', async () => {
    const missing = await run(['--transactions', file]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/needs --cutoff DATE/);
    expect((await run(['--train', file])).err).toMatch(/give both files/);
    expect((await run(['--transactions', file, '--cutoff', 'soon'])).err).toMatch(/not a date: write it as YYYY-MM-DD/);
    expect((await run(['--k', '0', '--transactions', file, '--cutoff', '2024-02-01'])).err).toMatch(/at least 1/);
    expect((await run(['--frobnicate'])).err).toMatch(/Unknown option --frobnicate/);
  });

  it('says so when nobody bought on both sides of the cut-off', async () => {
    const { code, err } = await run(['--transactions', file, '--cutoff', '2030-01-01']);
    expect(code).toBe(1);
    expect(err).toMatch(/empty: choose a cut-off/);
  });

  it('runs as the npm script from the repository, with the data quirks explained in --help', async () => {
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const { stdout } = await promisify(execFile)(tsx, ['scripts/eval/offers.ts', '--help'], { cwd: repoRoot });
    expect(stdout).toMatch(/cancellations \(InvoiceNo starting with C\) are dropped/);
    expect(stdout).toMatch(/rows without a CustomerID/);
    expect(stdout).toMatch(/--transactions FILE --cutoff YYYY-MM-DD/);
  });
});
