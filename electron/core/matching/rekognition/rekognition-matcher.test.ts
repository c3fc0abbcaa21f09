import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../event-hub.js';
import { memoryLogger } from '../../logger.js';
import { memorySecretStore } from '../../secrets/secret-store.js';
import { openTestStore, repoRoot, type TestStore } from '../../store/testing.js';
import { decodeJpeg } from '../../vision/decode.js';
import { createHumanEngine } from '../../vision/human-engine.js';
import type { FaceEngine } from '../../vision/types.js';
import { Gallery } from '../gallery.js';
import { createLocalMatcher } from '../local-matcher.js';
import type { FaceProbe } from '../matcher.js';
import { HUMAN_FACERES_THRESHOLD } from '../thresholds.js';
import { CloudService } from './cloud-service.js';
import { monthUsage } from './cloud-usage.js';
import { startFakeRekognition, type FakeRekognition } from './fake-rekognition-server.js';

const lfw = (person: string, n: number) =>
  path.resolve(repoRoot, '../shared/data/faces/identities/lfw', person, `${person}_${String(n).padStart(4, '0')}.jpg`);

/** Our calibration mapped to Rekognition's scale: our threshold 0.66 is its 80 %, the impostor mean 0.447 is 50 %. */
const calibrated = (cosine: number) =>
  Math.min(100, Math.max(0, 50 + ((cosine - 0.447) * 30) / (HUMAN_FACERES_THRESHOLD - 0.447)));

let engine: FaceEngine;
let fake: FakeRekognition;
const photos = new Map<string, Buffer>();
const embeddings = new Map<string, Float32Array>();

async function embed(jpeg: Buffer): Promise<Float32Array | null> {
  const frame = await decodeJpeg(jpeg);
  const faces = await engine.detect(frame, { embed: true });
  const centre = (b: { x: number; width: number }) => Math.abs(b.x + b.width / 2 - frame.width / 2);
  return [...faces].sort((a, b) => centre(a.box) - centre(b.box))[0]?.embedding ?? null;
}

const PEOPLE = ['Colin_Powell', 'Ariel_Sharon', 'Donald_Rumsfeld'] as const;

beforeAll(async () => {
  engine = await createHumanEngine({ logger: memoryLogger() });
  for (const person of PEOPLE) {
    for (const n of [1, 2, 3, 4]) {
      const bytes = await readFile(lfw(person, n));
      photos.set(`${person}/${n}`, bytes);
    }
  }
  // Embeddings are cached: the fake and the local matcher see the same numbers for the same photo.
  for (const [key, bytes] of photos) {
    const value = await embed(bytes);
    if (value === null) throw new Error(`no face in ${key}`);
    embeddings.set(key, value);
  }
  fake = await startFakeRekognition({
    embed: (jpeg) => {
      for (const [key, bytes] of photos) if (bytes.equals(jpeg)) return Promise.resolve(embeddings.get(key) ?? null);
      return embed(jpeg);
    },
    similarity: calibrated,
  });
}, 180_000);

afterAll(async () => {
  await fake?.close();
  await engine?.close();
});

function photo(key: string): Buffer {
  const bytes = photos.get(key);
  if (bytes === undefined) throw new Error(key);
  return bytes;
}

function probe(key: string): FaceProbe {
  const embedding = embeddings.get(key);
  if (embedding === undefined) throw new Error(key);
  return { embedding, jpeg: () => Promise.resolve(photo(key)) };
}

let store: TestStore;
let service: CloudService;
let collectionId: string;
let nextCollection = 1;

beforeEach(async () => {
  store = openTestStore();
  // Each test gets its own collection on the shared fake endpoint.
  collectionId = `kiosk-test-${nextCollection++}`;
  service = new CloudService({
    db: store.db,
    clock: store.clock,
    events: new EventHub(store.logger),
    secrets: memorySecretStore(),
    logger: store.logger,
    endpoint: fake.endpoint,
    maxAttempts: 3,
  });
  await service.update({
    mode: 'cloud',
    region: 'eu-west-1',
    collectionId,
    threshold: 80,
    credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret-access-key-000000' },
  });
});
afterEach(() => {
  service.close();
  store.close();
});

async function cloud() {
  const matcher = await service.cloudMatcher();
  if (matcher === null) throw new Error('no cloud matcher');
  return matcher;
}

describe('Rekognition matcher through the real AWS SDK', () => {
  it('creates the collection when it is missing, and only once', async () => {
    const matcher = await cloud();
    expect(await matcher.ensureCollection()).toBe(true);
    expect(fake.collections().has(collectionId)).toBe(true);
    const again = await cloud();
    expect(await again.ensureCollection()).toBe(false);
  });

  it('indexes enrolled faces with the customer id and finds the same person in another photo', async () => {
    const matcher = await cloud();
    expect(await matcher.enrol('cust-colin', [photo('Colin_Powell/1'), photo('Colin_Powell/2')])).toBe(2);
    expect(await matcher.enrol('cust-ariel', [photo('Ariel_Sharon/1'), photo('Ariel_Sharon/2')])).toBe(2);
    const faces = fake.collections().get(collectionId) ?? [];
    expect(faces.map((face) => face.externalImageId).sort()).toEqual([
      'cust-ariel',
      'cust-ariel',
      'cust-colin',
      'cust-colin',
    ]);

    const colin = await matcher.identify(probe('Colin_Powell/3'));
    expect(colin).toMatchObject({ customerId: 'cust-colin', source: 'cloud', note: null });
    expect(colin.score).toBeGreaterThanOrEqual(0.8);
    const stranger = await matcher.identify(probe('Donald_Rumsfeld/1'));
    expect(stranger.customerId).toBeNull();
  });

  it('sends the configured FaceMatchThreshold: at 100 % even the same person is not matched', async () => {
    const matcher = await cloud();
    await matcher.enrol('cust-colin', [photo('Colin_Powell/1')]);
    await service.update({ mode: 'cloud', region: 'eu-west-1', collectionId, threshold: 100 });
    const strict = await cloud();
    expect((await strict.identify(probe('Colin_Powell/3'))).customerId).toBeNull();
  });

  it('deletes every face of an erased person, across pages, and keeps the others', async () => {
    const matcher = await cloud();
    await matcher.enrol('cust-colin', [photo('Colin_Powell/1'), photo('Colin_Powell/2'), photo('Colin_Powell/4')]);
    await matcher.enrol('cust-ariel', [photo('Ariel_Sharon/1'), photo('Ariel_Sharon/2')]);
    expect(await service.erase('cust-colin')).toBe(3);
    const left = fake.collections().get(collectionId) ?? [];
    expect(left.map((face) => face.externalImageId)).toEqual(['cust-ariel', 'cust-ariel']);
    expect((await matcher.identify(probe('Colin_Powell/3'))).customerId).toBeNull();
  });

  it('rides out a short burst of throttling: the SDK retries and the search succeeds', async () => {
    const matcher = await cloud();
    await matcher.enrol('cust-colin', [photo('Colin_Powell/1')]);
    const before = fake.calls.length;
    fake.failNext(1, 'ProvisionedThroughputExceededException');
    expect((await matcher.identify(probe('Colin_Powell/2'))).customerId).toBe('cust-colin');
    expect(fake.calls.slice(before)).toEqual(['SearchFacesByImage', 'SearchFacesByImage']);
  });

  it('falls back to local matching and says why when the cloud keeps throttling', async () => {
    const gallery = new Gallery(engine.embeddingSize);
    gallery.replacePerson('cust-colin', [embeddings.get('Colin_Powell/1') ?? new Float32Array()]);
    const matcher = await service.matcher(
      createLocalMatcher(gallery, { threshold: HUMAN_FACERES_THRESHOLD, margin: 0.03 }),
    );
    await (await cloud()).ensureCollection();
    fake.failNext(3, 'ThrottlingException');
    const decision = await matcher.identify(probe('Colin_Powell/2'));
    expect(decision.source).toBe('local');
    expect(decision.note).toMatch(/throttling/);
    expect((await service.status()).lastProblem).toMatch(/ThrottlingException/);
  });

  it('falls back to local matching when the network is down, and says so', async () => {
    const down = await startFakeRekognition({ embed: () => Promise.resolve(null) });
    const endpoint = down.endpoint;
    await down.close();
    const offline = new CloudService({
      db: store.db,
      clock: store.clock,
      events: new EventHub(store.logger),
      secrets: memorySecretStore(),
      logger: memoryLogger(),
      endpoint,
      maxAttempts: 1,
    });
    await offline.update({
      mode: 'cloud',
      region: 'eu-west-1',
      collectionId,
      threshold: 80,
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret-access-key-000000' },
    });
    const gallery = new Gallery(engine.embeddingSize);
    gallery.replacePerson('cust-colin', [embeddings.get('Colin_Powell/1') ?? new Float32Array()]);
    const matcher = await offline.matcher(
      createLocalMatcher(gallery, { threshold: HUMAN_FACERES_THRESHOLD, margin: 0.03 }),
    );
    const decision = await matcher.identify(probe('Colin_Powell/2'));
    expect(decision).toMatchObject({ customerId: 'cust-colin', source: 'local' });
    expect(decision.note).toMatch(/cannot be reached/);
    offline.close();
  });

  it('asks the cloud only for faces the local gallery does not name in local-then-cloud mode', async () => {
    const matcher = await cloud();
    await matcher.enrol('cust-ariel', [photo('Ariel_Sharon/1')]);
    await service.update({ mode: 'local-then-cloud', region: 'eu-west-1', collectionId, threshold: 80 });
    const gallery = new Gallery(engine.embeddingSize);
    gallery.replacePerson('cust-colin', [embeddings.get('Colin_Powell/1') ?? new Float32Array()]);
    const hybrid = await service.matcher(
      createLocalMatcher(gallery, { threshold: HUMAN_FACERES_THRESHOLD, margin: 0.03 }),
    );
    const before = fake.calls.length;
    expect(await hybrid.identify(probe('Colin_Powell/2'))).toMatchObject({ customerId: 'cust-colin', source: 'local' });
    expect(fake.calls.length).toBe(before);
    expect(await hybrid.identify(probe('Ariel_Sharon/2'))).toMatchObject({ customerId: 'cust-ariel', source: 'cloud' });
    // A new matcher checks its collection once, then searches.
    expect(fake.calls.slice(before)).toEqual(['DescribeCollection', 'SearchFacesByImage']);
  });

  it('reports a refused call with the service error, not as a network problem', async () => {
    const matcher = await cloud();
    await matcher.ensureCollection();
    fake.failNext(3, 'InternalServerError');
    await expect(matcher.identify(probe('Colin_Powell/2'))).rejects.toMatchObject({ kind: 'service' });
  });

  it('counts every call of the month with its latency, failures included', async () => {
    const matcher = await cloud();
    await matcher.enrol('cust-colin', [photo('Colin_Powell/1')]);
    await matcher.identify(probe('Colin_Powell/2'));
    const usage = monthUsage(store.db, '2026-11');
    // DescribeCollection (missing) + CreateCollection + IndexFaces + SearchFacesByImage.
    expect(usage.calls).toBe(4);
    expect(usage.failures).toBe(1);
    expect(usage.byOperation).toMatchObject({ IndexFaces: 1, SearchFacesByImage: 1, CreateCollection: 1 });
    const status = await service.status();
    expect(status).toMatchObject({
      month: '2026-11',
      monthCalls: 4,
      monthFailures: 1,
      hasCredentials: true,
      mode: 'cloud',
    });
  });

  it('refuses a cloud mode without credentials, with a sentence saying what to enter', async () => {
    const bare = new CloudService({
      db: store.db,
      clock: store.clock,
      events: new EventHub(store.logger),
      secrets: memorySecretStore(),
      logger: memoryLogger(),
    });
    await expect(bare.update({ mode: 'cloud', region: 'eu-west-1', collectionId, threshold: 80 })).rejects.toThrow(
      /Enter the AWS access key id/,
    );
    expect((await bare.status()).mode).toBe('cloud');
  });
});
