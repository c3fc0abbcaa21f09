/**
 * The core end to end in plain Node, with a real SQLite file, the real face models and real photos: enrolment
 * with consent, recognition and its events, a stranger who leaves no trace, and bad frames that change nothing.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyEntrance, personInFrame, walkIn } from '../../e2e/support/scene-frames.js';
import { lfwPhoto } from '../../e2e/support/paths.js';
import type { EventName } from '../contract/access.js';
import type { Caller } from '../contract/dispatch.js';
import type { CameraStatus, DisplayState, EnrolmentSession, PickupAlert, SampleResult } from '../contract/dto.js';
import { DATABASE_FILE } from './create-core.js';
import type { Core } from './core-api.js';
import { startTestCore, TEST_ADMIN as admin, value, type TestCore } from './testing/test-core.js';

const capture: Caller = { role: 'capture', connectionId: 'capture-1' };
const staff: Caller = { role: 'staff', connectionId: 'staff-1' };

let testCore: TestCore;
let dataDir: string;
let core: Core;
const events: { event: EventName; payload: unknown }[] = [];

function rows(sql: string, ...params: unknown[]): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Pushes a frame as the capture window would, repeatedly, until `done` or the time is up. */
async function show(jpegs: readonly Buffer[], done: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let i = 0;
  while (Date.now() < until && !done()) {
    const jpeg = jpegs[i++ % jpegs.length] as Buffer;
    value(await core.call(capture, 'camera.pushFrame', { jpeg: new Uint8Array(jpeg) }));
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
}

beforeAll(async () => {
  testCore = await startTestCore('core', { onCoreEvent: (event, payload) => events.push({ event, payload }) });
  ({ core, dataDir } = testCore);
}, 180_000);

afterAll(async () => {
  await testCore?.close();
});

describe('the core', () => {
  it('creates the demo store on first start', () => {
    expect(rows('SELECT COUNT(*) AS n FROM customers')).toBeGreaterThanOrEqual(30);
    expect(rows(`SELECT COUNT(*) AS n FROM orders WHERE status = 'preparing'`)).toBeGreaterThanOrEqual(3);
    expect(rows('SELECT COUNT(*) AS n FROM products')).toBeGreaterThanOrEqual(20);
  });

  it('counts a corrupt frame, says why, and goes on analysing', async () => {
    const truncated = (await emptyEntrance()).subarray(0, 400);
    value(await core.call(capture, 'camera.pushFrame', { jpeg: new Uint8Array(truncated) }));
    let status: CameraStatus | undefined;
    for (let i = 0; i < 30; i += 1) {
      status = value<CameraStatus[]>(await core.call(staff, 'camera.status', {}))[0];
      if ((status?.framesRejected ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status?.framesRejected).toBeGreaterThan(0);
    expect(status?.lastError).toMatch(/not a valid image/);
    const analysedBefore = status?.framesAnalysed ?? 0;
    await show([await emptyEntrance()], () => false, 800);
    const after = value<CameraStatus[]>(await core.call(staff, 'camera.status', {}))[0];
    expect(after?.framesAnalysed).toBeGreaterThan(analysedBefore);
  });

  it('enrols a consenting customer, recognises them and alerts the staff; a stranger leaves no trace', async () => {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const target = db
      .prepare(
        `SELECT c.id, c.first_name AS firstName, o.number FROM orders o JOIN customers c ON c.id = o.customer_id
          WHERE o.status = 'preparing' ORDER BY o.number LIMIT 1`,
      )
      .get() as { id: string; firstName: string; number: number };
    db.close();

    const consent = value<{ version: string }>(await core.call(admin, 'consent.text', {}));
    const session = value<EnrolmentSession>(
      await core.call(admin, 'enrolment.start', {
        customerId: target.id,
        consentTextVersion: consent.version,
        customerAgreed: true,
        thumbnailAgreed: false,
      }),
    );
    for (const index of [1, 2, 3]) {
      await show([await personInFrame(lfwPhoto('Colin_Powell', index))], () => false, 400);
      const sample = value<SampleResult>(
        await core.call(admin, 'enrolment.captureSample', { enrolmentId: session.enrolmentId }),
      );
      expect(sample.accepted, sample.message).toBe(true);
    }
    value(await core.call(admin, 'enrolment.finish', { enrolmentId: session.enrolmentId }));
    // Three samples, stored once per model that described them (the running one's and, on ONNX, FaceRes's too).
    const perModel = 'SELECT COUNT(*) AS n FROM face_templates WHERE customer_id = ? GROUP BY model_id ORDER BY n DESC';
    expect(rows(perModel, target.id)).toBe(3);
    // No thumbnail without that specific consent.
    expect(rows('SELECT COUNT(*) AS n FROM customer_thumbnails WHERE customer_id = ?', target.id)).toBe(0);

    await show([await emptyEntrance()], () => false, 3000);
    events.length = 0;
    const greeted = () =>
      events.some((e) => e.event === 'display.changed' && (e.payload as DisplayState).kind === 'greeting');
    const customerWalksIn = await walkIn(
      [4, 5, 6].map((i) => lfwPhoto('Colin_Powell', i)),
      5,
    );
    const alerted = () =>
      events.some(
        (e) => e.event === 'alerts.changed' && (e.payload as PickupAlert[]).some((a) => a.customerId === target.id),
      );
    await show(customerWalksIn, alerted, 20_000);
    // Confirmation is on by default: the display greets by name only after a clerk says "yes, that is her".
    expect(events.some((e) => e.event === 'display.changed' && (e.payload as DisplayState).kind === 'greeting')).toBe(
      false,
    );
    const pending = value<PickupAlert[]>(await core.call(staff, 'alerts.list', {})).find(
      (a) => a.customerId === target.id,
    );
    expect(pending?.match).toBe('pending');
    value(await core.call(staff, 'alerts.confirm', { visitId: pending?.visitId ?? -1, confirmed: true, clerk: 'Sam' }));
    await show(customerWalksIn, greeted, 10_000);
    const greeting = events.find(
      (e) => e.event === 'display.changed' && (e.payload as DisplayState).kind === 'greeting',
    )?.payload as Extract<DisplayState, { kind: 'greeting' }> | undefined;
    expect(greeting?.firstName).toBe(target.firstName);
    expect(greeting?.order?.number).toBe(target.number);
    expect(greeting?.offers).toHaveLength(3);
    const alerts = value<PickupAlert[]>(await core.call(staff, 'alerts.list', {}));
    expect(alerts.map((a) => a.order?.number)).toContain(target.number);
    expect(rows('SELECT COUNT(*) AS n FROM visits WHERE customer_id = ?', target.id)).toBe(1);

    // A stranger for several seconds: counted, never stored.
    await show([await emptyEntrance()], () => false, 3000);
    const before = {
      visits: rows('SELECT COUNT(*) AS n FROM visits'),
      templates: rows('SELECT COUNT(*) AS n FROM face_templates'),
      footfall: rows('SELECT COALESCE(SUM(faces_seen), 0) AS n FROM footfall_hourly'),
    };
    events.length = 0;
    const stranger = await walkIn(
      [1, 2, 3, 4].map((i) => lfwPhoto('Tony_Blair', i)),
      5,
    );
    await show(stranger, () => false, 5000);
    expect(
      events.filter((e) => e.event === 'display.changed' && (e.payload as DisplayState).kind === 'greeting'),
    ).toHaveLength(0);
    expect(events.filter((e) => e.event === 'alerts.changed')).toHaveLength(0);
    expect(rows('SELECT COUNT(*) AS n FROM visits')).toBe(before.visits);
    expect(rows('SELECT COUNT(*) AS n FROM face_templates')).toBe(before.templates);
    expect(rows('SELECT COALESCE(SUM(faces_seen), 0) AS n FROM footfall_hourly')).toBeGreaterThan(before.footfall);
  });
});
