/**
 * The USB camera path in browser mode: Chromium's fake webcam plays the shared street clip, the capture window
 * sends frames to the core, faces are detected and counted. Nobody in the clip enrolled, so nothing else is
 * written: no visit, no template, no image.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.js';
import { startKiosk, type KioskApp } from './support/kiosk-app.js';
import { WALK_CLIP } from './support/paths.js';

let dataDir: string;
let app: KioskApp | null = null;

test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-usb-'));
});

test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function count(sql: string): number {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite3'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('a USB camera captured in the browser feeds the core; strangers are only counted', async () => {
  const spawnedAt = Date.now();
  app = await startKiosk({ dataDir, camera: 'usb' });
  const browser = await chromium.launch({
    ...(CHROMIUM_PATH ? { executablePath: CHROMIUM_PATH } : {}),
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${WALK_CLIP}`,
    ],
  });
  try {
    const context = await browser.newContext({ permissions: ['camera'] });
    const capture = await context.newPage();
    await capture.goto(app.url('capture'));
    await expect(capture.getByTestId('capture-status')).toContainText(/sending|camera/i);
    await expect
      .poll(() => count('SELECT COALESCE(SUM(faces_seen), 0) AS n FROM footfall_hourly'), { timeout: 90_000 })
      .toBeGreaterThan(0);
    console.log(`[figures] cold start to first detection (USB capture): ${Date.now() - spawnedAt} ms`);
    const staff = await context.newPage();
    await staff.goto(app.url('staff'));
    await expect(staff.getByTestId('camera-banner')).toHaveCount(0);
  } finally {
    await browser.close();
  }
  expect(count('SELECT COUNT(*) AS n FROM visits')).toBe(0);
  expect(count('SELECT COUNT(*) AS n FROM face_templates')).toBe(0);
  expect(count('SELECT COUNT(*) AS n FROM customer_thumbnails')).toBe(0);
});
