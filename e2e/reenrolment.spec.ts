/**
 * Customers enrolled with another face model, in the real app (browser mode, Chromium, the ONNX engine recognising
 * with dlib): one customer has only FaceRes templates, as an older release stored them. The admin window says how
 * many customers must be enrolled again and how, and marks that customer in the list; once their face data is
 * erased, the notice is gone without reloading the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { CURRENT_CONSENT_VERSION } from '../electron/core/domain/consent-text.js';
import { startKiosk, type KioskApp } from './support/kiosk-app.js';
import { startMjpegServer, type MjpegServer } from './support/mjpeg-server.js';
import { emptyEntrance } from './support/scene-frames.js';

let dataDir: string;
let camera: MjpegServer;
let app: KioskApp;

test.afterAll(async () => {
  await app?.stop();
  await camera?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Gives the first customer (by name) a consent and two FaceRes templates, straight into the app's database. */
function enrolWithFaceResOnly(): { id: string; lastName: string } {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite3'), { fileMustExist: true });
  try {
    const customer = db
      .prepare('SELECT id, last_name AS lastName FROM customers ORDER BY last_name, first_name LIMIT 1')
      .get() as { id: string; lastName: string };
    const at = new Date().toISOString();
    db.prepare(
      `INSERT INTO consents (customer_id, text_version, agreed_at, recorded_by, thumbnail_agreed)
       VALUES (?, ?, ?, 'older release', 0)`,
    ).run(customer.id, CURRENT_CONSENT_VERSION, at);
    const template = Buffer.alloc(1024 * 4);
    template.writeFloatLE(1, 0);
    const insert = db.prepare(
      "INSERT INTO face_templates (customer_id, model_id, embedding, created_at) VALUES (?, 'human-faceres-3.3.6', ?, ?)",
    );
    insert.run(customer.id, template, at);
    insert.run(customer.id, template, at);
    return customer;
  } finally {
    db.close();
  }
}

test('the manager is told who must be enrolled again, and the notice follows an erasure', async ({ browser }) => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-reenrol-'));
  camera = await startMjpegServer({ fps: 2, frames: [await emptyEntrance()] });
  app = await startKiosk({ dataDir, camera: camera.url });
  await expect
    .poll(async () => ((await (await fetch(`${app.origin}/healthz`)).json()) as { vision: string }).vision, {
      timeout: 120_000,
    })
    .toBe('ready');
  const customer = enrolWithFaceResOnly();

  const admin = await (await browser.newContext()).newPage();
  await admin.goto(app.url('admin'));
  await admin.getByTestId('setup-username').fill('maria');
  await admin.getByTestId('setup-password').fill('correct horse 42');
  await admin.getByTestId('setup-password2').fill('correct horse 42');
  await admin.getByTestId('setup-submit').click();

  const notice = admin.getByTestId('reenrolment-notice');
  await expect(notice).toContainText('1 customer was enrolled with another face model');
  await expect(notice).toContainText('Enrol again');
  await admin.getByTestId('customer-search').fill(customer.lastName);
  const row = admin.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`);
  await expect(row.getByTestId('reenrol-badge')).toHaveText('Needs re-enrolment');
  await expect(row.getByTestId('enrolled-badge')).toHaveCount(0);

  await row.click();
  await admin.getByTestId('erase').click();
  await admin.getByTestId('erase-confirm').click();
  await expect(notice).toHaveCount(0);
  await expect(row.getByTestId('reenrol-badge')).toHaveCount(0);
  await admin.context().close();
});
