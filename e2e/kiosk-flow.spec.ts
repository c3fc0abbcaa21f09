/**
 * The product end to end in browser mode, as a store would use it: a manager enrols a customer with consent from
 * the live camera; the customer walks in and is greeted while the staff board alerts the clerks; a clerk moves
 * the order to collected; a never-enrolled person triggers nothing and leaves no row; after a restart the
 * enrolment and the order state are still there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { startKiosk, type KioskApp } from './support/kiosk-app.js';
import { startMjpegServer, type MjpegServer } from './support/mjpeg-server.js';
import { lfwPhoto } from './support/paths.js';
import { emptyEntrance, personInFrame, walkIn } from './support/scene-frames.js';

// The enrolled customer is played by one LFW identity, the stranger by another.
const CUSTOMER_PHOTOS = 'Colin_Powell';
const STRANGER_PHOTOS = 'Tony_Blair';

let dataDir: string;
let camera: MjpegServer;
let app: KioskApp | null = null;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  camera = await startMjpegServer({ fps: 10, frames: [await emptyEntrance()] });
});

test.afterAll(async () => {
  await app?.stop();
  await camera.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function db(): Database.Database {
  return new Database(path.join(dataDir, 'kiosk.sqlite3'), { readonly: true, fileMustExist: true });
}

function count(sql: string, ...params: unknown[]): number {
  const handle = db();
  try {
    return (handle.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    handle.close();
  }
}

async function waitForVision(kiosk: KioskApp): Promise<void> {
  await expect
    .poll(async () => ((await (await fetch(`${kiosk.origin}/healthz`)).json()) as { vision: string }).vision, {
      timeout: 120_000,
    })
    .toBe('ready');
}

async function signInAsManager(admin: Page, firstTime: boolean): Promise<void> {
  if (firstTime) {
    await admin.getByTestId('setup-username').fill('maria');
    await admin.getByTestId('setup-password').fill('correct horse 42');
    await admin.getByTestId('setup-password2').fill('correct horse 42');
    await admin.getByTestId('setup-submit').click();
  } else {
    await admin.getByTestId('login-username').fill('maria');
    await admin.getByTestId('login-password').fill('correct horse 42');
    await admin.getByTestId('login-submit').click();
  }
  await expect(admin.getByTestId('customer-search')).toBeVisible();
}

test('a consenting customer is enrolled, recognised, greeted and served; a stranger leaves no trace', async ({
  browser,
}) => {
  const spawnedAt = Date.now();
  app = await startKiosk({ dataDir, camera: camera.url });
  await waitForVision(app);
  console.log(`[figures] start to vision ready: ${Date.now() - spawnedAt} ms`);

  // The customer who will walk in has an open pickup order in the demo store.
  const handle = db();
  const customer = handle
    .prepare(
      `SELECT c.id, c.first_name AS firstName, c.last_name AS lastName, o.number
         FROM orders o JOIN customers c ON c.id = o.customer_id
        WHERE o.status = 'preparing' ORDER BY o.number LIMIT 1`,
    )
    .get() as { id: string; firstName: string; lastName: string; number: number };
  handle.close();

  // --- Enrolment with consent, from the live camera.
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(app.url('admin'));
  await signInAsManager(admin, true);
  await admin.getByTestId('customer-search').fill(customer.lastName);
  await admin.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`).click();
  await admin.getByTestId('consent-agree').check();
  await admin.getByTestId('consent-thumbnail').check();
  await admin.getByTestId('enrol-start').click();
  for (const index of [1, 2, 3]) {
    camera.setFrames([await personInFrame(lfwPhoto(CUSTOMER_PHOTOS, index))]);
    await admin.waitForTimeout(800); // let the new picture reach the core before taking the sample
    await admin.getByTestId('enrol-capture').click();
    await expect(admin.getByTestId('enrol-progress')).toContainText(`${index} of 3`);
  }
  await admin.getByTestId('enrol-finish').click();
  await expect(admin.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`)).toContainText(
    'Enrolled',
  );
  camera.setFrames([await emptyEntrance()]);
  expect(count('SELECT COUNT(*) AS n FROM face_templates WHERE customer_id = ?', customer.id)).toBeGreaterThanOrEqual(
    3,
  );
  expect(count('SELECT COUNT(*) AS n FROM consents WHERE customer_id = ? AND withdrawn_at IS NULL', customer.id)).toBe(
    1,
  );

  // --- The customer walks in (photos not used for enrolment).
  const display = await (await browser.newContext()).newPage();
  const staff = await (await browser.newContext()).newPage();
  await display.goto(app.url('customer'));
  await staff.goto(app.url('staff'));
  await expect(display.getByTestId('display-idle')).toBeVisible();
  await staff.getByTestId('clerk-name').fill('Sam');

  const customerWalksIn = await walkIn([4, 5, 6, 7].map((i) => lfwPhoto(CUSTOMER_PHOTOS, i)));
  const visitsBefore = count('SELECT COUNT(*) AS n FROM visits');
  const shownAt = Date.now();
  camera.setFrames(customerWalksIn);
  const ticket = staff.locator(`[data-testid="alert-ticket"][data-order-number="${customer.number}"]`);
  await expect(ticket).toBeVisible({ timeout: 30_000 });
  console.log(`[figures] frame to staff alert: ${Date.now() - shownAt} ms`);
  await expect(ticket).toContainText(customer.firstName);
  // Confirmation is on by default: the display greets by name only after the clerk says "yes, that is her".
  await ticket.getByTestId('confirm-yes').click();
  await expect(display.getByTestId('greeting-name')).toContainText(customer.firstName, { timeout: 10_000 });
  console.log(`[figures] frame to greeting, with the clerk's confirmation: ${Date.now() - shownAt} ms`);
  await expect(display.getByTestId('order-status')).toContainText(String(customer.number));
  await expect(display.getByTestId('offer-card')).toHaveCount(3);
  expect(count('SELECT COUNT(*) AS n FROM visits')).toBe(visitsBefore + 1);

  // --- The clerk prepares and hands over the order; the display follows.
  await ticket.getByTestId('advance-ready').click();
  await expect(display.getByTestId('order-status')).toContainText(/ready/i);
  await ticket.getByTestId('advance-collected').click();
  await expect(ticket).toHaveCount(0);
  camera.setFrames([await emptyEntrance()]);

  // --- A stranger: no greeting, no alert, no row about them.
  const rowsBefore = {
    visits: count('SELECT COUNT(*) AS n FROM visits'),
    templates: count('SELECT COUNT(*) AS n FROM face_templates'),
    thumbnails: count('SELECT COUNT(*) AS n FROM customer_thumbnails'),
    customers: count('SELECT COUNT(*) AS n FROM customers'),
  };
  const footfallBefore = count('SELECT COALESCE(SUM(faces_seen), 0) AS n FROM footfall_hourly');
  await display.waitForTimeout(3000); // let the customer's track end
  camera.setFrames(await walkIn([1, 2, 3, 4].map((i) => lfwPhoto(STRANGER_PHOTOS, i))));
  await expect
    .poll(() => count('SELECT COALESCE(SUM(faces_seen), 0) AS n FROM footfall_hourly'), { timeout: 20_000 })
    .toBeGreaterThan(footfallBefore);
  await display.waitForTimeout(5000); // several seconds of the stranger in front of the camera
  await expect(staff.getByTestId('alert-ticket')).toHaveCount(0);
  expect({
    visits: count('SELECT COUNT(*) AS n FROM visits'),
    templates: count('SELECT COUNT(*) AS n FROM face_templates'),
    thumbnails: count('SELECT COUNT(*) AS n FROM customer_thumbnails'),
    customers: count('SELECT COUNT(*) AS n FROM customers'),
  }).toEqual(rowsBefore);
  camera.setFrames([await emptyEntrance()]);

  // --- Restart: the enrolment and the order state are still there.
  await app.stop();
  app = await startKiosk({ dataDir, camera: camera.url });
  const adminAgain = await (await browser.newContext()).newPage();
  await adminAgain.goto(app.url('admin'));
  await signInAsManager(adminAgain, false);
  await adminAgain.getByTestId('customer-search').fill(customer.lastName);
  await expect(adminAgain.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`)).toContainText(
    'Enrolled',
  );
  expect(count(`SELECT COUNT(*) AS n FROM orders WHERE number = ? AND status = 'collected'`, customer.number)).toBe(1);
});
