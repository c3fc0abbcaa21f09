/**
 * The pickup board end to end in browser mode, with real camera frames: two staff windows (counter and back room)
 * stay consistent; a new ticket rings from the very first alert once the shift started; a clerk's "not him"
 * drops the ticket and nothing personal ever reaches the customer display; "yes" lets the display greet; bump
 * and recall move the order on every screen; two clerks bumping at once get a clear sentence, not a double move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { startKiosk, type KioskApp } from './support/kiosk-app.js';
import { startMjpegServer, type MjpegServer } from './support/mjpeg-server.js';
import { lfwPhoto } from './support/paths.js';
import { emptyEntrance, personInFrame, walkIn } from './support/scene-frames.js';

// Two enrolled customers with open orders, played by two LFW identities.
const CONFIRMED_PHOTOS = 'Colin_Powell';
const REJECTED_PHOTOS = 'Tony_Blair';
/** Photos from this index on show each customer walking in (enrolment uses earlier ones). */
const WALK_IN = [7, 8, 9, 10];

interface Customer {
  id: string;
  firstName: string;
  lastName: string;
  number: number;
}

let dataDir: string;
let camera: MjpegServer;
let app: KioskApp | null = null;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-board-'));
  camera = await startMjpegServer({ fps: 10, frames: [await emptyEntrance()] });
});

test.afterAll(async () => {
  await app?.stop();
  await camera.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite3'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function waitForVision(kiosk: KioskApp): Promise<void> {
  await expect
    .poll(async () => ((await (await fetch(`${kiosk.origin}/healthz`)).json()) as { vision: string }).vision, {
      timeout: 120_000,
    })
    .toBe('ready');
}

async function enrol(admin: Page, customer: Customer, photos: string): Promise<void> {
  await admin.getByTestId('customer-search').fill(customer.lastName);
  await admin.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`).click();
  await admin.getByTestId('consent-agree').check();
  await admin.getByTestId('consent-thumbnail').check();
  await admin.getByTestId('enrol-start').click();
  // Samples from the first photos that pass the quality gate (a photo may be refused: too side-on, too blurred).
  let samples = 0;
  for (let index = 1; samples < 3 && index < (WALK_IN[0] ?? 7); index += 1) {
    camera.setFrames([await personInFrame(lfwPhoto(photos, index))]);
    await admin.waitForTimeout(800); // let the new picture reach the core before taking the sample
    await admin.getByTestId('enrol-capture').click();
    await expect(admin.getByTestId('sample-message')).toHaveCount(index);
    samples = Number(/^(\d+) of/.exec((await admin.getByTestId('enrol-progress').textContent()) ?? '')?.[1] ?? 0);
  }
  await expect(admin.getByTestId('enrol-progress')).toContainText('3 of 3');
  await admin.getByTestId('enrol-finish').click();
  await expect(admin.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`)).toContainText(
    'Enrolled',
  );
  camera.setFrames([await emptyEntrance()]);
}

/** A staff window whose pushed events the test can hold back, as a window that has not heard the news yet. */
async function staffWindow(page: Page, url: string, clerk: string): Promise<{ holdEvents(hold: boolean): void }> {
  let hold = false;
  const held: (string | Buffer)[] = [];
  let route: WebSocketRoute | null = null;
  await page.routeWebSocket(/\/ws\/staff$/, (ws) => {
    route = ws;
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const isEvent = typeof message === 'string' && message.includes('"type":"event"');
      if (hold && isEvent) held.push(message);
      else ws.send(message);
    });
  });
  await page.goto(url);
  await page.getByTestId('clerk-name').fill(clerk);
  await page.getByTestId('start-shift').click();
  await expect(page.getByTestId('sound-state')).toHaveAttribute('data-sound', 'on');
  return {
    holdEvents(next) {
      hold = next;
      if (!next) for (const message of held.splice(0)) route?.send(message);
    },
  };
}

const ticketOf = (page: Page, customer: Customer) =>
  page.locator(`[data-testid="alert-ticket"][data-order-number="${customer.number}"]`);

test('two staff windows confirm, reject, bump and recall consistently; the display greets only after “yes”', async ({
  browser,
}) => {
  app = await startKiosk({ dataDir, camera: camera.url });
  await waitForVision(app);
  const [confirmed, rejected] = query<Customer>(
    `SELECT c.id, c.first_name AS firstName, c.last_name AS lastName, o.number
       FROM orders o JOIN customers c ON c.id = o.customer_id
      WHERE o.status = 'preparing' ORDER BY o.number LIMIT 2`,
  ) as [Customer, Customer];

  const admin = await (await browser.newContext()).newPage();
  await admin.goto(app.url('admin'));
  await admin.getByTestId('setup-username').fill('maria');
  await admin.getByTestId('setup-password').fill('correct horse 42');
  await admin.getByTestId('setup-password2').fill('correct horse 42');
  await admin.getByTestId('setup-submit').click();
  await enrol(admin, confirmed, CONFIRMED_PHOTOS);
  await enrol(admin, rejected, REJECTED_PHOTOS);
  await admin.close();

  const display = await (await browser.newContext()).newPage();
  await display.goto(app.url('customer'));
  await expect(display.getByTestId('display-idle')).toBeVisible();
  const counterPage = await (await browser.newContext()).newPage();
  const backPage = await (await browser.newContext()).newPage();
  await staffWindow(counterPage, app.url('staff'), 'Sam');
  const back = await staffWindow(backPage, app.url('staff'), 'Ann');

  // Orders whose customer has not come yet are on both boards, so the back room can prepare.
  for (const page of [counterPage, backPage]) {
    await expect(page.locator(`[data-testid="order-row"][data-order-number="${confirmed.number}"]`)).toBeVisible();
  }

  // --- A match the clerk rejects: a ticket with the question and a chime on both boards, nothing personal shown.
  camera.setFrames(await walkIn(WALK_IN.map((i) => lfwPhoto(REJECTED_PHOTOS, i))));
  for (const page of [counterPage, backPage]) {
    await expect(ticketOf(page, rejected).getByTestId('confirm-match')).toContainText(
      `Is this ${rejected.firstName} ${rejected.lastName.charAt(0)}.?`,
      { timeout: 30_000 },
    );
    await expect(page.locator('.staff')).toHaveAttribute('data-chimes', '1');
  }
  await expect(display.getByTestId('display-welcome')).toBeVisible();
  await expect(display.getByTestId('greeting-name')).toHaveCount(0);
  await ticketOf(backPage, rejected).getByTestId('confirm-no').click();
  for (const page of [counterPage, backPage]) await expect(ticketOf(page, rejected)).toHaveCount(0);
  await expect(display.getByTestId('display-idle')).toBeVisible();
  await expect(display.getByTestId('greeting-name')).toHaveCount(0);
  expect(query('SELECT match_status, reviewed_by FROM visits WHERE customer_id = ?', rejected.id)).toEqual([
    { match_status: 'rejected', reviewed_by: 'Ann' },
  ]);
  camera.setFrames([await emptyEntrance()]);
  await display.waitForTimeout(3500); // the track ends

  // --- A match the clerk confirms: then, and only then, the display greets by name.
  camera.setFrames(await walkIn(WALK_IN.map((i) => lfwPhoto(CONFIRMED_PHOTOS, i))));
  await expect(ticketOf(counterPage, confirmed).getByTestId('confirm-match')).toBeVisible({ timeout: 30_000 });
  await expect(counterPage.locator('.staff')).toHaveAttribute('data-chimes', '2');
  await expect(display.getByTestId('display-welcome')).toBeVisible();
  await ticketOf(counterPage, confirmed).getByTestId('confirm-yes').click();
  await expect(display.getByTestId('greeting-name')).toContainText(confirmed.firstName);
  await expect(display.getByTestId('order-status')).toContainText(String(confirmed.number));
  await expect(ticketOf(backPage, confirmed).getByTestId('confirm-match')).toHaveCount(0);
  await expect(ticketOf(backPage, confirmed)).toContainText('confirmed by Sam');
  await expect(ticketOf(backPage, confirmed)).toHaveAttribute('data-age', 'normal');

  // --- Bump in the back room: every screen follows.
  await ticketOf(backPage, confirmed).getByTestId('advance-ready').click();
  await expect(ticketOf(counterPage, confirmed).getByTestId('order-status')).toHaveAttribute('data-status', 'ready');
  await expect(display.getByTestId('order-status')).toContainText(/ready/i);

  // --- Two clerks bump at once: the back room has not heard of the counter's bump yet.
  back.holdEvents(true);
  await ticketOf(counterPage, confirmed).getByTestId('advance-collected').click();
  await expect(ticketOf(counterPage, confirmed)).toHaveCount(0);
  await ticketOf(backPage, confirmed).getByTestId('advance-collected').click();
  await expect(ticketOf(backPage, confirmed).getByTestId('advance-error')).toHaveText(
    `Order ${confirmed.number} is already collected: Sam marked it collected just now.`,
  );
  back.holdEvents(false);
  await expect(ticketOf(backPage, confirmed)).toHaveCount(0);

  // --- Recall from today's history: the ticket comes back on both boards, then one more step back.
  await backPage.getByTestId('history-toggle').click();
  const entry = backPage.locator(`[data-testid="history-ticket"][data-order-number="${confirmed.number}"]`);
  await expect(entry).toContainText('collected — Sam');
  await expect(entry).toContainText('confirmed by Sam');
  await entry.getByTestId('history-recall').click();
  for (const page of [counterPage, backPage]) {
    await expect(ticketOf(page, confirmed).getByTestId('order-status')).toHaveAttribute('data-status', 'ready');
  }
  await expect(entry).toContainText('recalled by Ann');
  await ticketOf(counterPage, confirmed).getByTestId('recall').click();
  for (const page of [counterPage, backPage]) {
    await expect(ticketOf(page, confirmed).getByTestId('order-status')).toHaveAttribute('data-status', 'preparing');
  }
  expect(
    query<{ kind: string; actor: string; to_status: string }>(
      `SELECT e.kind, e.actor, e.to_status FROM order_events e JOIN orders o ON o.id = e.order_id
        WHERE o.number = ? AND e.from_status IS NOT NULL ORDER BY e.id`,
      confirmed.number,
    ),
  ).toEqual([
    { kind: 'move', actor: 'Ann', to_status: 'ready' },
    { kind: 'move', actor: 'Sam', to_status: 'collected' },
    { kind: 'recall', actor: 'Ann', to_status: 'ready' },
    { kind: 'recall', actor: 'Sam', to_status: 'preparing' },
  ]);
});
