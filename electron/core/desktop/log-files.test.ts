import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/testing.js';
import { createRotatingLog, exportLogs, listLogFiles } from './log-files.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const line = (n: number) => JSON.stringify({ level: 'info', message: `line ${n}`, pad: 'x'.repeat(80) });

describe('rotating log files', () => {
  it('rotates at the size limit and keeps only the newest files', () => {
    const log = createRotatingLog({ dir, maxBytes: 1000, keep: 2 });
    for (let n = 0; n < 60; n++) log.write(line(n));
    const files = log.files().map((file) => path.basename(file));
    expect(files).toEqual(['kiosk.2.log', 'kiosk.1.log', 'kiosk.log']);
    for (const file of log.files()) expect(fs.statSync(file).size).toBeLessThanOrEqual(1000);
    expect(fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8')).toContain('line 59');
    // The oldest lines are gone with the files beyond `keep`.
    expect(
      log
        .files()
        .map((file) => fs.readFileSync(file, 'utf8'))
        .join(''),
    ).not.toContain('"line 0"');
  });

  it('continues the current file after a restart', () => {
    createRotatingLog({ dir }).write(line(1));
    createRotatingLog({ dir }).write(line(2));
    expect(fs.readFileSync(path.join(dir, 'kiosk.log'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('exports every log file oldest first under a header, with a dated file name', () => {
    const log = createRotatingLog({ dir, maxBytes: 400, keep: 3 });
    for (let n = 0; n < 6; n++) log.write(line(n));
    const bundle = exportLogs(dir, new Date('2026-11-20T09:30:00Z'));
    expect(bundle.fileName).toBe('smart-store-kiosk-logs-2026-11-20T09-30-00-000Z.txt');
    expect(bundle.files).toBe(listLogFiles(dir).length);
    expect(bundle.text.indexOf('line 0')).toBeLessThan(bundle.text.indexOf('line 5'));
    expect(bundle.text).toContain('===== kiosk.log =====');
  });

  it('keeps the newest logs when the export is over its cap, and says older ones were left out', () => {
    const log = createRotatingLog({ dir, maxBytes: 300, keep: 4 });
    for (let n = 0; n < 12; n++) log.write(line(n));
    const bundle = exportLogs(dir, new Date('2026-11-20T09:30:00Z'), 700);
    expect(bundle.text).toContain('line 11');
    expect(bundle.text).not.toContain('"line 0"');
    expect(bundle.text).toMatch(/older logs left out/);
  });

  it('exports an empty bundle when there are no logs yet', () => {
    expect(exportLogs(path.join(dir, 'missing'), new Date(0))).toMatchObject({ text: '', files: 0 });
  });
});
