import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../contract/access.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { EventHub } from '../event-hub.js';
import { Gallery } from '../matching/gallery.js';
import type { RecognitionPipeline } from '../recognition/recognition-pipeline.js';
import { SignIns } from '../services/sign-ins.js';
import { recordConsent } from '../store/consents.js';
import { createCustomer } from '../store/customers.js';
import { addTemplates } from '../store/templates.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { createAdminRuntime, type AdminRuntime } from './admin-runtime.js';

let store: TestStore;
let runtime: AdminRuntime;
let gallery: Gallery;
const forgotten: string[] = [];
const shown: string[] = [];
const events: EventName[] = [];

function enrol(id: string, embedding: number[]): void {
  const { db, clock } = store;
  createCustomer(db, clock, { id, firstName: id, lastName: 'T', email: `${id}@x.org` });
  recordConsent(db, clock, {
    customerId: id,
    textVersion: CURRENT_CONSENT_VERSION,
    recordedBy: 'm',
    thumbnailAgreed: false,
  });
  addTemplates(db, clock, id, 'model-a', [new Float32Array(embedding)]);
  gallery.replacePerson(id, [new Float32Array(embedding)]);
}

beforeEach(() => {
  store = openTestStore();
  gallery = new Gallery(2);
  forgotten.length = 0;
  shown.length = 0;
  events.length = 0;
  const hub = new EventHub(store.logger);
  hub.on((event) => void events.push(event));
  // The pipeline's in-memory tracks: only what the runtime calls on it matters here.
  const pipeline = {
    forget: (customerId: string) => void forgotten.push(customerId),
    galleryChanged: () => void shown.push('gallery changed'),
  } as unknown as RecognitionPipeline;
  runtime = createAdminRuntime({
    dataDir: store.dir,
    db: store.db,
    clock: store.clock,
    logger: store.logger,
    events: hub,
    signIns: new SignIns(),
    storeName: () => 'Corner Market',
    vision: () => ({ gallery, pipeline, modelId: 'model-a' }),
    forgetOnDisplay: (customerId) => void shown.push(`forget ${customerId}`),
    resetDisplay: () => void shown.push('idle'),
  });
  enrol('anna', [1, 0]);
});
afterEach(async () => {
  await runtime.close();
  store.close();
});

describe('the admin runtime', () => {
  it('rebuilds the gallery from the restored templates and tells every window to reload', async () => {
    const backup = await runtime.backups.create('manual', 'maria');
    store.clock.advance(60_000);
    enrol('bob', [0, 1]);
    expect(gallery.people).toBe(2);

    await runtime.backups.restore(backup.name, 'maria');
    expect(gallery.has('anna')).toBe(true);
    expect(gallery.has('bob')).toBe(false);
    expect(gallery.match(new Float32Array([0, 1])).best?.customerId).toBe('anna');
    expect(forgotten).toEqual(expect.arrayContaining(['anna', 'bob']));
    expect(shown).toEqual(expect.arrayContaining(['gallery changed', 'idle']));
    expect(events).toEqual(expect.arrayContaining(['customers.changed', 'orders.changed', 'alerts.changed']));
  });

  it('takes a person out of the gallery and off the display when the erasure hooks fire', async () => {
    await runtime.hooks.erased.notify({ customerId: 'anna', reason: 'withdrawal', actor: 'maria', outcome: null });
    expect(gallery.has('anna')).toBe(false);
    expect(shown).toContain('forget anna');
  });

  it('follows the saved working hours at once', async () => {
    const friday9 = Date.parse('2026-11-20T09:00:00Z');
    expect(runtime.withinWorkingHours(friday9)).toBe(true);
    const closedAllWeek = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
    store.db
      .prepare("INSERT INTO settings (key, value) VALUES ('privacy.workingHours', ?)")
      .run(JSON.stringify({ timeZone: 'UTC', days: closedAllWeek }));
    // The gate is refreshed by the settings command and after a restore (here: the restore hooks alone).
    await runtime.hooks.restored.notify({ backup: 'none', enrolledBefore: [] });
    expect(runtime.withinWorkingHours(friday9)).toBe(false);
  });
});
