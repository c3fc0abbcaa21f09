/**
 * The packaging configuration, checked without Electron's downloads: electron-builder.yml is loaded and validated
 * by electron-builder's OWN loader and schema validation (app-builder-lib's getConfig + validateConfiguration), the
 * afterPack hook resolves the way electron-builder resolves it, and the fuses and staged rollout are what we ship.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// app-builder-lib is electron-builder's own library; resolve it from electron-builder so the versions match.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));

interface BuilderConfig {
  appId?: string;
  productName?: string;
  afterPack?: string;
  asarUnpack?: string[];
  extraResources?: { from: string; to: string }[];
  linux?: { target?: string[]; icon?: string };
  win?: { target?: string[]; icon?: string };
  mac?: { target?: string[]; icon?: string };
  publish?: { provider: string; url: string };
  [key: string]: unknown;
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
}

const configModule = requireFromBuilder('app-builder-lib/out/util/config/config.js') as ConfigModule;
const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function load(file = path.join(root, 'electron-builder.yml')): Promise<BuilderConfig> {
  return configModule.getConfig(root, file, null);
}

async function validate(config: BuilderConfig): Promise<void> {
  await configModule.validateConfiguration(config, new DebugLogger(false));
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(await load())).resolves.toBeUndefined();
  });

  it('is refused by the same validation when an option is misspelt (the check can fail)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-builder-'));
    try {
      const bad = path.join(dir, 'bad.yml');
      writeFileSync(
        bad,
        `${readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')}\nnsisx:\n  oneClick: false\n`,
      );
      await expect(validate(await load(bad))).rejects.toThrow(/nsisx/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS, with icons from resources/generated', async () => {
    const config = await load();
    expect(config.appId).toBe('com.smartstore.kiosk');
    expect(config.productName).toBe('Smart Store Kiosk');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect([config.linux?.icon, config.win?.icon, config.mac?.icon]).toEqual([
      'resources/generated/icons',
      'resources/generated/icon.ico',
      'resources/generated/icon.icns',
    ]);
  });

  it('unpacks the native modules from the asar and ships native-models/out as extra resources', async () => {
    const config = await load();
    for (const module of ['better-sqlite3', 'sharp', 'onnxruntime-node']) {
      expect(config.asarUnpack).toContain(`node_modules/${module}/**`);
    }
    expect(config.extraResources).toEqual([{ from: 'native-models/out', to: 'native-models', filter: ['**/*'] }]);
  });

  it('publishes update feeds for a generic server (the URL each kiosk uses is set in its admin window)', async () => {
    expect((await load()).publish).toMatchObject({ provider: 'generic' });
  });

  it('has an afterPack hook that resolves to a function, as electron-builder resolves it', async () => {
    const config = await load();
    expect(config.afterPack).toBe('./scripts/dist-after-pack.mjs');
    const { resolveFunction } = requireFromBuilder('app-builder-lib/out/util/resolve.js') as {
      resolveFunction(type: string | undefined, executor: string, name: string, root: string): Promise<unknown>;
    };
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(typeof (await resolveFunction('module', config.afterPack ?? '', 'afterPack', root))).toBe('function');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('Electron fuses of the packaged app', () => {
  it('turns off run-as-node, NODE_OPTIONS and inspect, and turns on asar integrity, asar-only and cookie encryption', async () => {
    const { KIOSK_FUSES } = (await import(pathToFileURL(path.join(root, 'scripts/dist-fuses.mjs')).href)) as {
      KIOSK_FUSES: Record<number, boolean>;
    };
    expect(KIOSK_FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(KIOSK_FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(KIOSK_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(KIOSK_FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(KIOSK_FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(KIOSK_FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });
});

describe('dist script and staged rollout', () => {
  it('passes ELECTRON_DIST to electron-builder as electronDist and never publishes', async () => {
    const { builderArgs } = (await import(pathToFileURL(path.join(root, 'scripts/dist.mjs')).href)) as {
      builderArgs(args: string[], env: Record<string, string | undefined>): string[];
    };
    expect(builderArgs(['--dir'], {})).toEqual(['electron-builder', '--publish', 'never', '--dir']);
    expect(builderArgs([], { ELECTRON_DIST: '/opt/electron', ELECTRON_VERSION: '38.8.6' })).toEqual([
      'electron-builder',
      '--publish',
      'never',
      `--config.electronDist=${path.resolve('/opt/electron')}`,
      '--config.electronVersion=38.8.6',
    ]);
  });

  it('writes or replaces stagingPercentage in an update feed, and refuses a bad percentage', async () => {
    const { withStagingPercentage } = (await import(
      pathToFileURL(path.join(root, 'scripts/dist-staging.mjs')).href
    )) as {
      withStagingPercentage(text: string, percent: number): string;
    };
    const feed = 'version: 0.2.0\npath: Smart-Store-Kiosk-0.2.0.AppImage\nreleaseDate: 2026-11-20T09:00:00.000Z\n';
    expect(withStagingPercentage(feed, 10)).toBe(`${feed}stagingPercentage: 10\n`);
    expect(withStagingPercentage(`${feed}stagingPercentage: 10\n`, 50)).toBe(`${feed}stagingPercentage: 50\n`);
    expect(() => withStagingPercentage(feed, 0)).toThrow(/1 to 100/);
    expect(() => withStagingPercentage(feed, 12.5)).toThrow(/whole number/);
  });
});
