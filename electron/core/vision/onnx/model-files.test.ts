import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateModelFiles, locateOptionalModel, ONNX_MODELS } from './model-files.js';

const io = (name: string) => [{ name, shape: [-1, 1] }];

/** A models folder with a manifest listing the required models, plus dlibres when asked. */
function modelsDir(withDlibres: boolean): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'model-files-'));
  const names = [...ONNX_MODELS, ...(withDlibres ? ['dlibres'] : [])];
  const models = Object.fromEntries(
    names.map((name) => [
      name,
      {
        file: `${name}.onnx`,
        ...(name === 'dlibres' ? { source: '@vladmandic/face-api@1.7.15' } : {}),
        inputs: io('input'),
        outputs: io(name === 'dlibres' ? 'descriptor' : 'output'),
      },
    ]),
  );
  for (const name of names) writeFileSync(path.join(dir, `${name}.onnx`), '');
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ source: '@vladmandic/human@3.3.6', models }));
  return dir;
}

describe('locating the ONNX models', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the optional dlibres model with its own source package', () => {
    const dir = modelsDir(true);
    dirs.push(dir);
    const files = locateModelFiles(dir);
    expect(files.source).toBe('@vladmandic/human@3.3.6');
    expect(locateOptionalModel(files, 'dlibres')).toEqual({
      path: path.join(dir, 'dlibres.onnx'),
      input: 'input',
      outputs: ['descriptor'],
      source: '@vladmandic/face-api@1.7.15',
    });
  });

  it('still locates the required models when dlibres was not converted, reporting it absent', () => {
    const dir = modelsDir(false);
    dirs.push(dir);
    const files = locateModelFiles(dir);
    expect(Object.keys(files.models).sort()).toEqual([...ONNX_MODELS].sort());
    expect(locateOptionalModel(files, 'dlibres')).toBeNull();
  });
});
