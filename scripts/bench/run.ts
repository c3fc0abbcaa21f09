/**
 * `npm run bench -- [--json] [--only a,b] [--quick]`: runs the benchmark sections in one process, prints each
 * section's figures side by side (or one JSON object with --json) on stdout, progress on stderr, and always writes
 * the JSON to bench-results/bench-<time>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './section.js';
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
  const printed: string[] = [];
  for (const section of sections) {
    const progress = (message: string) => process.stderr.write(`[${section.name}] ${message}\n`);
    progress(section.description);
    const outcome = await section.run({ progress, args: argv, quick });
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
