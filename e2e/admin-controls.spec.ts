/**
 * The manager's controls in the real app (browser mode, Chromium): the reports tab draws its charts for the demo
 * store and exports a CSV (which is audited); the privacy notice shows the retention just saved; a backup taken
 * from the admin window is restored while the app keeps serving, and the data is the backup's. No page may hit
 * the Content-Security-Policy.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { startKiosk, type KioskApp } from './support/kiosk-app.js';
import { startMjpegServer, type MjpegServer } from './support/mjpeg-server.js';
import { emptyEntrance } from './support/scene-frames.js';

let dataDir: string;
let camera: MjpegServer;
let app: KioskApp;
let admin: Page;
const cspViolations: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-admin-'));
  camera = await startMjpegServer({ fps: 2, frames: [await emptyEntrance()] });
  app = await startKiosk({ dataDir, camera: camera.url });
  const context = await browser.newContext({ acceptDownloads: true });
  admin = await context.newPage();
  admin.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  // Runs in the page (a string: this file is compiled without the DOM's types).
  await admin.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      console.error('Content-Security-Policy violation: ' + event.violatedDirective + ' ' + event.blockedURI + ' ' +
        event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber);
    });`,
  });
  await admin.goto(app.url('admin'));
  await admin.getByTestId('setup-username').fill('maria');
  await admin.getByTestId('setup-password').fill('correct horse 42');
  await admin.getByTestId('setup-password2').fill('correct horse 42');
  await admin.getByTestId('setup-submit').click();
  await expect(admin.getByTestId('customer-search')).toBeVisible();
});

test.afterAll(async () => {
  await admin?.context().close();
  await app?.stop();
  await camera?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite3'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** True when the chart's canvas has any painted pixel (evaluated in the page). */
async function painted(page: Page, testId: string): Promise<boolean> {
  const result: unknown = await page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid="${testId}"] canvas');
    const context = canvas && canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return false;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) return true;
    return false;
  })()`);
  return result === true;
}

test('the reports tab draws charts for the demo store and exports an audited CSV', async () => {
  await admin.getByTestId('tab-reports').click();
  await expect(admin.getByTestId('total-faces')).not.toHaveText('0');
  for (const chart of ['chart-footfall-day', 'chart-footfall-hour', 'chart-age', 'chart-gender', 'chart-expression']) {
    await expect(admin.getByTestId(chart).locator('canvas')).toBeVisible();
    await expect.poll(() => painted(admin, chart)).toBe(true);
  }

  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('reports-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^audience-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('date,hour,camera,measure,category,value');
  expect(lines.some((line) => line.includes(',faces_seen,,'))).toBe(true);
  expect(lines.some((line) => line.includes(',age_band,25-34,'))).toBe(true);
  await expect(admin.getByTestId('reports-exported')).toBeVisible();

  await admin.getByTestId('tab-accounts').click();
  await expect(admin.locator('[data-testid="audit-row"][data-action="report.exported"]')).toHaveCount(1);
  expect(readDb((db) => db.prepare("SELECT actor FROM audit_log WHERE action = 'report.exported'").pluck().get())).toBe(
    'maria',
  );
  expect(cspViolations).toEqual([]);
});

test('the privacy notice shows the retention just saved', async () => {
  await admin.getByTestId('tab-privacy').click();
  await expect(admin.getByTestId('privacy-notice')).toContainText('Records of your visits are deleted after one year.');
  await admin.getByTestId('retention-visits').fill('90');
  await admin.getByTestId('privacy-contact').fill('privacy@corner.example');
  await admin.getByTestId('privacy-save').click();
  await expect(admin.getByTestId('privacy-note')).toBeVisible();
  await expect(admin.getByTestId('privacy-notice')).toContainText('Records of your visits are deleted after 3 months.');
  await expect(admin.getByTestId('privacy-notice')).toContainText('privacy@corner.example');

  // A setting the core refuses is explained and nothing changes.
  await admin.getByTestId('retention-visits').fill('0');
  await admin.getByTestId('privacy-save').click();
  await expect(admin.getByTestId('privacy-error')).toContainText('at least 1 day');
  await expect(admin.getByTestId('privacy-notice')).toContainText('deleted after 3 months');
  expect(cspViolations).toEqual([]);
});

test('a backup restored from the admin window brings its data back while the app keeps serving', async ({
  browser,
}) => {
  await admin.getByTestId('tab-backups').click();
  await admin.getByTestId('backup-now').click();
  await expect(admin.getByTestId('backups-note')).toContainText('written');
  const backupName = await admin.getByTestId('backup-row').first().getAttribute('data-name');
  expect(backupName).toMatch(/-manual\.sqlite3$/);

  // After the backup: a new clerk account, and the retention changes again.
  await admin.getByTestId('tab-accounts').click();
  await admin.getByTestId('user-new-name').fill('kim');
  await admin.getByTestId('user-new-password').fill('counter pass 1');
  await admin.getByTestId('user-create').click();
  await expect(admin.locator('[data-testid="user-row"][data-username="kim"]')).toBeVisible();

  await admin.getByTestId('tab-backups').click();
  await admin.locator(`[data-testid="backup-row"][data-name="${backupName}"]`).getByTestId('restore').click();
  await admin.getByTestId('restore-confirm').click();
  await expect(admin.getByTestId('backups-note')).toContainText(`Restored ${backupName}`);

  // The data is the backup's: kim is gone, the retention saved before the backup is back.
  expect(readDb((db) => db.prepare("SELECT COUNT(*) FROM users WHERE username = 'kim'").pluck().get())).toBe(0);
  await admin.getByTestId('tab-accounts').click();
  await expect(admin.locator('[data-testid="user-row"][data-username="maria"]')).toBeVisible();
  await expect(admin.locator('[data-testid="user-row"][data-username="kim"]')).toHaveCount(0);
  // Who did what survives the restore, including the restore itself.
  await expect(admin.locator('[data-testid="audit-row"][data-action="backup.restored"]')).toHaveCount(1);
  await expect(admin.locator('[data-testid="audit-row"][data-action="user.created"]')).toHaveCount(2);

  // The app kept serving: the same admin session works, and a fresh staff window loads the open orders.
  await admin.getByTestId('tab-privacy').click();
  await expect(admin.getByTestId('privacy-notice')).toContainText('deleted after 3 months');
  const staff = await browser.newPage();
  await staff.goto(app.url('staff'));
  await expect(staff.getByText('1041').first()).toBeVisible();
  await staff.close();
  const health = (await (await fetch(`${app.origin}/healthz`)).json()) as { ok: boolean };
  expect(health.ok).toBe(true);
  expect(cspViolations).toEqual([]);
});
