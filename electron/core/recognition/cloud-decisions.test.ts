/**
 * Cloud matching in enrolment and live recognition, through the real AWS SDK against a local endpoint that speaks
 * Rekognition's JSON protocol, with the real face engine and real photos: enrolment indexes the samples' face crops
 * under the customer id; the cloud's second opinion confirms or vetoes a local decision; when the cloud is down the
 * local decision stands and the fallback is recorded; in cloud-only mode the cloud's answer decides a track.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { personInFrame } from '../../../e2e/support/scene-frames.js';
import { lfwPhoto } from '../../../e2e/support/paths.js';
import type { CloudMode } from '../../contract/desktop.js';
import { EventHub } from '../event-hub.js';
import { memoryLogger } from '../logger.js';
import { Gallery } from '../matching/gallery.js';
import { HUMAN_FACERES_THRESHOLD } from '../matching/thresholds.js';
import { CloudService } from '../matching/rekognition/cloud-service.js';
import { startFakeRekognition, type FakeRekognition } from '../matching/rekognition/fake-rekognition-server.js';
import { memorySecretStore } from '../secrets/secret-store.js';
import { EnrolmentService } from '../services/enrolment-service.js';
import { createCustomer } from '../store/customers.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { decodeJpeg } from '../vision/decode.js';
import { createHumanEngine } from '../vision/human-engine.js';
import { DEFAULT_QUALITY } from '../vision/quality-gate.js';
import type { FaceEngine } from '../vision/types.js';
import { cloudTrackLookup, decideWithCloud, secondOpinion } from './cloud-decisions.js';
import type { Recognition } from './recognition-pipeline.js';

const CREDENTIALS = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret-access-key-000000' };

/** Our calibration mapped to Rekognition's scale: our threshold 0.66 is its 80 %, the impostor mean 0.447 is 50 %. */
const calibrated = (cosine: number) =>
  Math.min(100, Math.max(0, 50 + ((cosine - 0.447) * 30) / (HUMAN_FACERES_THRESHOLD - 0.447)));

let engine: FaceEngine;
let fake: FakeRekognition;

/** The face nearest the image centre, as the engine embeds it (the fake endpoint's notion of a face). */
async function embed(jpeg: Buffer): Promise<Float32Array | null> {
  const frame = await decodeJpeg(jpeg);
  const faces = await engine.detect(frame, { embed: true });
  const centre = (b: { x: number; width: number }) => Math.abs(b.x + b.width / 2 - frame.width / 2);
  return [...faces].sort((a, b) => centre(a.box) - centre(b.box))[0]?.embedding ?? null;
}

beforeAll(async () => {
  engine = await createHumanEngine({ logger: memoryLogger() });
  fake = await startFakeRekognition({ embed, similarity: calibrated });
}, 180_000);

afterAll(async () => {
  await fake?.close();
  await engine?.close();
});

let store: TestStore;
let service: CloudService;
let collectionId: string;
let nextCollection = 1;

async function cloudService(mode: CloudMode, endpoint = fake.endpoint): Promise<CloudService> {
  const cloud = new CloudService({
    db: store.db,
    clock: store.clock,
    events: new EventHub(store.logger),
    secrets: memorySecretStore(),
    logger: store.logger,
    endpoint,
    maxAttempts: 1,
  });
  await cloud.update({ mode, region: 'eu-west-1', collectionId, threshold: 80, credentials: CREDENTIALS });
  return cloud;
}

beforeEach(() => {
  store = openTestStore();
  collectionId = `kiosk-decisions-${nextCollection++}`;
});
afterEach(() => {
  service.close();
  store.close();
});

/** Colin Powell enrolled in the cloud collection under `cust-colin`. */
async function enrolColinInTheCloud(): Promise<void> {
  const matcher = await service.cloudMatcher();
  if (matcher === null) throw new Error('no cloud matcher');
  expect(await matcher.enrol('cust-colin', [await readFile(lfwPhoto('Colin_Powell', 1))])).toBe(1);
}

const recognition: Recognition = { cameraId: 'entrance', trackId: 7, customerId: 'cust-colin', score: 0.8 };
const cropOf = (person: string, index: number) => () => readFile(lfwPhoto(person, index));

describe('cloud matching in enrolment', () => {
  it('indexes the accepted samples under the customer id only after the local commit', async () => {
    service = await cloudService('local-then-cloud');
    const customer = createCustomer(store.db, store.clock, { firstName: 'Colin', lastName: 'P', email: 'c@p.test' });
    let frame = await personInFrame(lfwPhoto('Colin_Powell', 1));
    const enrolment = new EnrolmentService({
      db: store.db,
      clock: store.clock,
      engine,
      gallery: new Gallery(engine.embeddingSize),
      camera: { latestFrame: () => ({ jpeg: frame, at: store.clock.now() }) },
      quality: DEFAULT_QUALITY,
      logger: store.logger,
      onEnrolled: () => undefined,
      cloud: service,
    });
    const session = enrolment.start(
      { customerId: customer.id, consentTextVersion: CURRENT_CONSENT_VERSION, thumbnailAgreed: false },
      'maria',
    );
    for (const index of [1, 2, 3]) {
      frame = await personInFrame(lfwPhoto('Colin_Powell', index));
      const sample = await enrolment.captureSample(session.enrolmentId);
      expect(sample.accepted, sample.message).toBe(true);
    }
    // Nothing reaches the cloud before the local enrolment is committed.
    expect(fake.collections().get(collectionId) ?? []).toHaveLength(0);
    enrolment.finish(session.enrolmentId);
    await vi.waitFor(() => expect(fake.collections().get(collectionId) ?? []).toHaveLength(3), { timeout: 30_000 });
    expect(
      fake
        .collections()
        .get(collectionId)
        ?.map((face) => face.externalImageId),
    ).toEqual([customer.id, customer.id, customer.id]);
    expect((await service.status()).lastProblem).toBeNull();
  });

  it('indexes nothing in local-only mode, and a cloud failure never fails the local enrolment', async () => {
    service = await cloudService('local');
    expect(service.wantsFaces()).toBe(false);
    expect(await service.indexEnrolment('cust-colin', [await readFile(lfwPhoto('Colin_Powell', 1))])).toBe(0);
    expect(fake.collections().get(collectionId) ?? []).toHaveLength(0);

    const down = await startFakeRekognition({ embed: () => Promise.resolve(null) });
    await down.close();
    service.close();
    service = await cloudService('local-then-cloud', down.endpoint);
    expect(await service.indexEnrolment('cust-colin', [await readFile(lfwPhoto('Colin_Powell', 1))])).toBe(0);
    expect((await service.status()).lastProblem).toMatch(/could not be added to the Rekognition collection/);
  });
});

describe('the cloud as a second opinion on local decisions', () => {
  it('passes the decision on (the visit is recorded) when the cloud names the same customer', async () => {
    service = await cloudService('local-then-cloud');
    await enrolColinInTheCloud();
    const proceeded: Recognition[] = [];
    decideWithCloud({ cloud: service, logger: store.logger }, recognition, cropOf('Colin_Powell', 2), (r) =>
      proceeded.push(r),
    );
    await vi.waitFor(() => expect(proceeded).toEqual([recognition]), { timeout: 30_000 });
    expect(fake.calls).toContain('SearchFacesByImage');
  });

  it('drops the decision when the cloud names nobody or someone else', async () => {
    service = await cloudService('local-then-cloud');
    await enrolColinInTheCloud();
    const deps = { cloud: service, logger: store.logger };
    expect(await secondOpinion(deps, recognition, cropOf('Donald_Rumsfeld', 1))).toBe('disagrees');
    expect(await secondOpinion(deps, { ...recognition, customerId: 'cust-ariel' }, cropOf('Colin_Powell', 2))).toBe(
      'disagrees',
    );
    const proceeded: Recognition[] = [];
    decideWithCloud(deps, recognition, cropOf('Donald_Rumsfeld', 2), (r) => proceeded.push(r));
    await vi.waitFor(() =>
      expect(store.logger.lines.some((e) => /did not confirm a local recognition/.test(e.message))).toBe(true),
    );
    expect(proceeded).toEqual([]);
  });

  it('uses the local decision when the cloud is unreachable, and records the fallback', async () => {
    const down = await startFakeRekognition({ embed: () => Promise.resolve(null) });
    await down.close();
    service = await cloudService('local-then-cloud', down.endpoint);
    const proceeded: Recognition[] = [];
    decideWithCloud({ cloud: service, logger: store.logger }, recognition, cropOf('Colin_Powell', 2), (r) =>
      proceeded.push(r),
    );
    await vi.waitFor(() => expect(proceeded).toEqual([recognition]), { timeout: 30_000 });
    expect((await service.status()).lastProblem).toMatch(/cannot be reached/);
    expect(store.logger.lines.some((e) => /local decision was used/.test(e.message))).toBe(true);
  });

  it('passes local decisions straight on in local-only mode, without asking the cloud', async () => {
    service = await cloudService('local');
    const before = fake.calls.length;
    const proceeded: Recognition[] = [];
    decideWithCloud({ cloud: service, logger: store.logger }, recognition, cropOf('Colin_Powell', 2), (r) =>
      proceeded.push(r),
    );
    expect(proceeded).toEqual([recognition]);
    expect(fake.calls.length).toBe(before);
  });
});

describe('cloud-only decisions', () => {
  it('names the enrolled customer from the crop, and nobody for a stranger', async () => {
    service = await cloudService('cloud');
    await enrolColinInTheCloud();
    const lookup = cloudTrackLookup({ cloud: service, logger: store.logger });
    expect(lookup.active()).toBe(true);
    expect((await lookup.identify(await cropOf('Colin_Powell', 2)()))?.customerId).toBe('cust-colin');
    expect(await lookup.identify(await cropOf('Donald_Rumsfeld', 1)())).toBeNull();
  });
});
