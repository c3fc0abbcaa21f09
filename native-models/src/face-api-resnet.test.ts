import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { convertModels } from './convert-models.js';
import { DLIBRES_MODEL, faceApiModelDir } from './face-api-resnet.js';
import { sha256 } from './manifest.js';

const MANIFEST = 'face_recognition_model-weights_manifest.json';
const BIN = 'face_recognition_model.bin';

function installedModelDir(): string {
  const dir = faceApiModelDir();
  if (!dir) throw new Error('@vladmandic/face-api is a dev dependency of this repo: run npm install.');
  return dir;
}

interface ManifestWeight {
  name: string;
  shape: number[];
}

describe('face-api dlib ResNet -> ONNX', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dlibres-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of face-api's model files whose manifest has been through `edit`. */
  function editedModelDir(edit: (weights: ManifestWeight[]) => void): string {
    const source = installedModelDir();
    const dir = tempDir();
    const manifest = JSON.parse(readFileSync(path.join(source, MANIFEST), 'utf8')) as { weights: ManifestWeight[] }[];
    edit(manifest[0]?.weights ?? []);
    writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest));
    copyFileSync(path.join(source, BIN), path.join(dir, BIN));
    return dir;
  }

  it('converts deterministically, records its own source, and is then up to date', () => {
    const out = tempDir();
    const first = convertModels({ outDir: out, models: [DLIBRES_MODEL] });
    expect(first.converted).toEqual([DLIBRES_MODEL]);
    const entry = first.manifest.models[DLIBRES_MODEL]!;
    expect(entry.source).toMatch(/^@vladmandic\/face-api@\d+\.\d+\.\d+$/);
    expect(first.manifest.source).toMatch(/^@vladmandic\/human@/);
    expect(entry.opset).toBe(13);
    expect(entry.inputs).toEqual([{ name: 'input', shape: [-1, 150, 150, 3] }]);
    expect(entry.outputs).toEqual([{ name: 'descriptor', shape: [-1, 128] }]);
    const bytes = readFileSync(path.join(out, 'dlibres.onnx'));
    expect(sha256(bytes)).toBe(entry.outputSha256);

    expect(convertModels({ outDir: out, models: [DLIBRES_MODEL] }).upToDate).toEqual([DLIBRES_MODEL]);
    const again = convertModels({ outDir: out, models: [DLIBRES_MODEL], force: true });
    expect(again.converted).toEqual([DLIBRES_MODEL]);
    expect(again.manifest.models[DLIBRES_MODEL]?.outputSha256).toBe(entry.outputSha256);
  });

  it('skips dlibres with one progress line when face-api is not installed, converting the others', () => {
    const out = tempDir();
    const lines: string[] = [];
    const report = convertModels({
      outDir: out,
      models: ['liveness', DLIBRES_MODEL],
      faceApiModelDir: null,
      progress: (line) => lines.push(line),
    });
    expect(report.skipped).toEqual([DLIBRES_MODEL]);
    expect(report.converted).toEqual(['liveness']);
    const skipLines = lines.filter((l) => l.startsWith('dlibres:'));
    expect(skipLines).toHaveLength(1);
    expect(skipLines[0]).toMatch(/skipped: @vladmandic\/face-api is not installed/);
    expect(report.manifest.models[DLIBRES_MODEL]).toBeUndefined();
  });

  it('refuses an unexpected weight name and names it', () => {
    const dir = editedModelDir((weights) => {
      weights[5]!.name = 'conv32_1/conv1/conv/kernel';
    });
    expect(() => convertModels({ outDir: tempDir(), models: [DLIBRES_MODEL], faceApiModelDir: dir })).toThrow(
      /dlibres: unexpected weight "conv32_1\/conv1\/conv\/kernel".*reinstall the package/,
    );
  });

  it('refuses a weight of the wrong shape and names it with both shapes', () => {
    const dir = editedModelDir((weights) => {
      const fc = weights.find((w) => w.name === 'fc')!;
      fc.shape = [128, 256];
    });
    expect(() => convertModels({ outDir: tempDir(), models: [DLIBRES_MODEL], faceApiModelDir: dir })).toThrow(
      /dlibres: weight "fc" has shape \[128, 256\], expected \[256, 128\]/,
    );
  });

  it('refuses a manifest that lacks a weight and names the missing one', () => {
    const dir = editedModelDir((weights) => {
      weights.splice(
        weights.findIndex((w) => w.name === 'conv256_2/conv2/scale/biases'),
        1,
      );
    });
    expect(() => convertModels({ outDir: tempDir(), models: [DLIBRES_MODEL], faceApiModelDir: dir })).toThrow(
      /dlibres: .* lacks weight "conv256_2\/conv2\/scale\/biases"/,
    );
  });
});
