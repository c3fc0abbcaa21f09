/**
 * Several cameras of different kinds in browser mode: the `--camera` stream seeds the entrance camera; the manager
 * adds a looping .y4m clip and a second stream from the admin window, draws a privacy mask over a face on the
 * live preview, and sees it black with no face box; the staff window warns when the entrance camera's server dies
 * and clears the warning when it comes back by itself.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { splitJpegs } from '../electron/core/camera/jpeg-splitter.js';
import { startKiosk, type KioskApp } from './support/kiosk-app.js';
import { startMjpegServer, type MjpegServer } from './support/mjpeg-server.js';
import { SHARED_DATA, WALK_CLIP, lfwPhoto } from './support/paths.js';
import { personInFrame } from './support/scene-frames.js';

const Y4M_CLIP = path.join(SHARED_DATA, 'video', 'walk_toward_camera_640x360_15fps.y4m');

let dataDir: string;
let entrance: MjpegServer;
let door: MjpegServer;
let app: KioskApp | null = null;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-cameras-'));
  entrance = await startMjpegServer({
    fps: 10,
    frames: splitJpegs(readFileSync(WALK_CLIP)).filter((_, i) => i % 3 === 0),
  });
  door = await startMjpegServer({ fps: 5, frames: [await personInFrame(lfwPhoto('Colin_Powell', 1))] });
});

test.afterAll(async () => {
  await app?.stop();
  await entrance.stop();
  await door.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitForVision(kiosk: KioskApp): Promise<void> {
  await expect
    .poll(async () => ((await (await fetch(`${kiosk.origin}/healthz`)).json()) as { vision: string }).vision, {
      timeout: 120_000,
    })
    .toBe('ready');
}

async function addCamera(admin: Page, name: string, source: string, role = 'entrance'): Promise<void> {
  await admin.getByTestId('camera-add').click();
  await admin.getByTestId('camera-name').fill(name);
  await admin.getByLabel('Role').selectOption(role);
  await admin.getByTestId('camera-source').fill(source);
  await admin.getByTestId('camera-save').click();
  await expect(admin.getByTestId('camera-form')).toHaveCount(0);
}

function row(admin: Page, name: string) {
  return admin.getByTestId('camera-row').filter({ has: admin.locator('strong', { hasText: new RegExp(`^${name}$`) }) });
}

test('the manager runs several cameras, masks a face, and the desk hears when the entrance camera is down', async ({
  browser,
}) => {
  app = await startKiosk({ dataDir, camera: entrance.url });
  await waitForVision(app);
  const page = await browser.newPage();
  await page.goto(app.url('admin'));
  await page.getByTestId('setup-username').fill('maria');
  await page.getByTestId('setup-password').fill('correct horse 42');
  await page.getByTestId('setup-password2').fill('correct horse 42');
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('tab-cameras').click();

  // The --camera stream became the entrance camera.
  await expect(row(page, 'Entrance')).toHaveAttribute('data-state', 'running');
  await expect.poll(async () => Number(await row(page, 'Entrance').getAttribute('data-analysed'))).toBeGreaterThan(0);

  await addCamera(page, 'Checkout clip', Y4M_CLIP, 'checkout');
  await addCamera(page, 'Side door', door.url);
  for (const name of ['Checkout clip', 'Side door']) {
    await expect(row(page, name)).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await expect.poll(async () => Number(await row(page, name).getAttribute('data-analysed'))).toBeGreaterThan(0);
  }

  // The side door shows a face; a mask drawn over it on the preview hides it from analysis and from the preview.
  await row(page, 'Side door').click();
  const preview = page.getByTestId('cameras-preview');
  await expect.poll(async () => Number(await preview.getAttribute('data-faces')), { timeout: 30_000 }).toBe(1);
  await page.getByRole('button', { name: 'Edit "Side door"' }).click();
  await page.getByTestId('mask-draw').click();
  const box = await preview.boundingBox();
  if (box === null) throw new Error('no preview on screen');
  for (const [x, y] of [
    [0.15, 0.05],
    [0.85, 0.05],
    [0.85, 0.95],
    [0.15, 0.95],
  ] as const) {
    await preview.click({ position: { x: x * box.width, y: y * box.height } });
  }
  await page.getByTestId('mask-draw').click();
  await page.getByTestId('camera-save').click();
  await expect(row(page, 'Side door')).toContainText('1 mask(s)');
  await expect(row(page, 'Side door')).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  const centre = async (): Promise<number> =>
    preview.evaluate((element) => {
      // Typed structurally: the e2e project compiles without the DOM library.
      const canvas = element as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: number[] } } | null;
      };
      const pixel = canvas.getContext('2d')?.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
      return pixel ? (pixel[0] ?? 0) + (pixel[1] ?? 0) + (pixel[2] ?? 0) : -1;
    });
  await expect.poll(centre, { timeout: 30_000 }).toBeLessThan(30);
  await expect.poll(async () => Number(await preview.getAttribute('data-faces'))).toBe(0);

  // The staff window: no banner while the entrance camera runs, one while its server is dead, none once it is back.
  const staff = await browser.newPage();
  await staff.goto(app.url('staff'));
  await expect(staff.getByTestId('camera-banner')).toHaveCount(0);
  await entrance.kill();
  await expect(staff.getByTestId('camera-banner')).toContainText('The entrance camera "Entrance"', { timeout: 30_000 });
  await expect(row(page, 'Entrance')).not.toHaveAttribute('data-state', 'running');
  await entrance.restart();
  await expect(staff.getByTestId('camera-banner')).toHaveCount(0, { timeout: 60_000 });
  await expect(row(page, 'Entrance')).toHaveAttribute('data-state', 'running');
  // The other cameras kept running throughout.
  await expect(row(page, 'Checkout clip')).toHaveAttribute('data-state', 'running');
});
