import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readAppMetadata } from './app-metadata.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fallback = { productName: 'Fallback', version: '0.0.0' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-meta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app metadata', () => {
  it('reads the product name and version from the project’s package.json', () => {
    expect(readAppMetadata(path.join(repoRoot, 'package.json'), fallback)).toMatchObject({
      productName: 'Smart Store Kiosk',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('falls back when the file is missing, unreadable JSON, or lacks the fields', () => {
    expect(readAppMetadata(path.join(dir, 'missing.json'), fallback)).toEqual(fallback);
    writeFileSync(path.join(dir, 'bad.json'), '{ nope');
    expect(readAppMetadata(path.join(dir, 'bad.json'), fallback)).toEqual(fallback);
    writeFileSync(path.join(dir, 'partial.json'), JSON.stringify({ version: '2.0.0' }));
    expect(readAppMetadata(path.join(dir, 'partial.json'), fallback)).toEqual({
      productName: 'Fallback',
      version: '2.0.0',
    });
  });
});
