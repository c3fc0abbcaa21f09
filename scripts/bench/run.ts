/**
 * `npm run bench -- [--json] [--only a,b] [--quick]`: runs the benchmark sections, each in a fresh process of its
 * own, prints each section's figures side by side (or one JSON object with --json) on stdout, progress on stderr,
 * and always writes the JSON to bench-results/bench-<time>.json.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { BenchRow, BenchSection } from './section.js';
import { SECTIONS } from './sections.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function table(title: string, rows: readonly BenchRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row.values)))];
  const cells = rows.map((row) => [row.label, ...columns.map((c) => String(row.values[c] ?? ''))]);
  const header = ['', ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [`== ${title}`, line(header), ...cells.map(line)].join('\n');
}

/** What a child writes back: its section's JSON and table rows (validated: it crossed a process boundary). */
const sectionOutcomeSchema = z.object({
  json: z.record(z.string(), z.unknown()),
  rows: z.array(z.object({ label: z.string(), values: z.record(z.string(), z.union([z.number(), z.string()])) })),
});
type SectionOutcome = z.infer<typeof sectionOutcomeSchema>;

const CHILD_FLAG = '--section-result';

/**
 * Runs one section in a child process (the same loader flags, the same options) and reads back its outcome.
 * Why: sections left their heap and threads behind for the next one. Measured here, the one-face pipeline took
 * p50 48.5 ms after the cameras, offers and sync sections in the same process, and 33.2 ms on its own.
 */
async function runIsolated(section: BenchSection, argv: readonly string[]): Promise<SectionOutcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-'));
  const file = path.join(dir, 'outcome.json');
  try {
    const passOn = argv.filter((arg, i) => arg !== '--only' && argv[i - 1] !== '--only' && arg !== '--json');
    const args = [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...passOn,
      '--only',
      section.name,
      CHILD_FLAG,
      file,
    ];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`the ${section.name} section failed (exit ${String(code)}); its error is above`);
    return sectionOutcomeSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? '').split(',').filter(Boolean) : null;
  const unknown = only?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) {
    console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const sections = SECTIONS.filter((s) => !only || only.includes(s.name));
  if (sections.length === 0) {
    console.error('No benchmark sections are registered.');
    process.exit(2);
  }
  const result: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? 'unknown', node: process.version },
    started_at: new Date().toISOString(),
  };
  const childResult = argv.indexOf(CHILD_FLAG);
  if (childResult >= 0) {
    // A child of runIsolated: one section, its outcome to the file the parent named, nothing else.
    const [section] = sections;
    const target = argv[childResult + 1];
    if (!section || sections.length !== 1 || !target) throw new Error(`${CHILD_FLAG} needs --only <one section>`);
    const progress = (message: string) => process.stderr.write(`[${section.name}] ${message}\n`);
    progress(section.description);
    const outcome = await section.run({ progress, args: argv, quick });
    writeFileSync(target, JSON.stringify({ json: outcome.json, rows: outcome.rows }));
    return;
  }
  const printed: string[] = [];
  for (const section of sections) {
    const outcome = await runIsolated(section, argv);
    Object.assign(result, outcome.json);
    printed.push(table(section.name, outcome.rows));
  }
  const dir = path.join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  if (json) console.log(JSON.stringify(result, null, 2));
  else console.log(printed.join('\n\n'));
  process.stderr.write(`Results written to ${path.relative(root, file)}\n`);
}

main().catch((error: unknown) => {
  console.error(`The benchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
