/**
 * The customer display's idle loop in browser mode, as a store would run it: campaigns day-parted by their time
 * window (the one for now plays, the one for later does not), full-screen slides that keep playing from what the
 * display already has when the core (or the network to it) is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startKiosk, type KioskApp } from './support/kiosk-app.js';
import { startMjpegServer, type MjpegServer } from './support/mjpeg-server.js';
import { emptyEntrance } from './support/scene-frames.js';

let dataDir: string;
let camera: MjpegServer;
let app: KioskApp | null = null;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-display-'));
  camera = await startMjpegServer({ fps: 5, frames: [await emptyEntrance()] });
});

test.afterAll(async () => {
  await app?.stop();
  await camera.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** 'HH:MM' of the local time `minutes` from now (the kiosk runs in this machine's zone, as the test does). */
function localClock(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

function addCampaign(id: string, headline: string, start: string, end: string, priority: number): void {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite3'), { fileMustExist: true });
  try {
    db.prepare(
      `INSERT INTO campaigns (id, headline, body, start_time, end_time, priority, updated_at)
       VALUES (?, ?, 'Only at this time of day.', ?, ?, ?, ?)`,
    ).run(id, headline, start, end, priority, new Date().toISOString());
  } finally {
    db.close();
  }
}

test('the idle loop plays the campaign scheduled for now, not the one for later, and keeps playing offline', async ({
  browser,
}) => {
  // First start creates the demo store; the store then schedules two campaigns of its own.
  app = await startKiosk({ dataDir, camera: camera.url });
  await app.stop();
  addCampaign('e2e-now', 'Happening right now', localClock(-60), localClock(60), 100);
  addCampaign('e2e-later', 'Later today', localClock(6 * 60), localClock(7 * 60), 100);
  app = await startKiosk({ dataDir, camera: camera.url });

  const display = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await display.goto(app.url('customer'));
  const idle = display.getByTestId('display-idle');
  await expect(idle).toBeVisible();
  // The highest-priority live campaign leads the loop.
  const campaign = display.getByTestId('campaign-slide');
  await expect(campaign).toContainText('Happening right now');
  const keys = await idle
    .locator('[data-slide-key]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-slide-key')));
  expect(keys).toContain('campaign:e2e-now');
  expect(keys).toContain('campaign:demo-pickup'); // the demo store's all-day campaign
  expect(keys).not.toContain('campaign:e2e-later');
  expect(keys.filter((k) => k?.startsWith('offer:')).length).toBeGreaterThan(0);

  // Full screen and legible from two metres: the headline is large on a 1080p display.
  const headlinePx = await campaign.locator('.campaign-headline').evaluate((el) => {
    // This file is type-checked without the DOM library; the callback runs in the page.
    const page = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
    return Number.parseFloat(page.getComputedStyle(el).fontSize);
  });
  expect(headlinePx).toBeGreaterThanOrEqual(80);
  const box = await idle.boundingBox();
  expect(box?.width).toBe(1920);
  expect(box?.height).toBe(1080);

  // The core goes away (as when the network to it is gone): the loop keeps playing, no error page.
  const slideBefore = await idle.getAttribute('data-slide');
  await app.stop();
  app = null;
  await expect(display.getByTestId('offline-dot')).toBeVisible({ timeout: 15_000 });
  await expect(idle).not.toHaveAttribute('data-slide', slideBefore ?? '', { timeout: 15_000 });
  await expect(idle).toBeVisible();
  await expect(display.getByTestId('connection-banner')).toHaveCount(0);
});
