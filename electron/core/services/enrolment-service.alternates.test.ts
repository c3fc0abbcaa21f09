/**
 * Alternate templates at enrolment, with the real ONNX engine (dlib recogniser), the real human engine and real LFW
 * photos: an enrolment stores each sample under the running model AND under FaceRes's model (which the ONNX engine
 * computes anyway), in the same transaction, so the human engine, the fallback, recognises the customer too. The
 * chain is told about the running model and the sample count only.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { personInFrame } from '../../../e2e/support/scene-frames.js';
import { lfwPhoto } from '../../../e2e/support/paths.js';
import { CURRENT_CONSENT_VERSION } from '../domain/consent-text.js';
import { memoryLogger } from '../logger.js';
import { Gallery } from '../matching/gallery.js';
import { dot } from '../matching/similarity.js';
import { matchThresholdFor } from '../matching/thresholds.js';
import { createCustomer } from '../store/customers.js';
import { setSetting } from '../store/settings.js';
import { loadTemplates } from '../store/templates.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { decodeJpeg } from '../vision/decode.js';
import { createHumanEngine } from '../vision/human-engine.js';
import { BROKER_KEY } from '../sync/sync-settings.js';
import { createOnnxEngine } from '../vision/onnx/onnx-engine.js';
import { DEFAULT_QUALITY } from '../vision/quality-gate.js';
import type { FaceEngine } from '../vision/types.js';
import { alternateTemplates, EnrolmentService } from './enrolment-service.js';

const FACERES = 'human-faceres-3.3.6';
const DLIB = 'dlib-resnet128-face-api-1.7.15-chip1';

let onnx: FaceEngine;
let store: TestStore;

beforeAll(async () => {
  onnx = await createOnnxEngine({ logger: memoryLogger(), threads: 1 });
}, 120_000);
afterAll(async () => onnx?.close());
beforeEach(() => {
  store = openTestStore();
});
afterEach(() => store.close());

/** Enrols Colin Powell from three of his photos on the ONNX engine, as the admin window does. */
async function enrolColin(): Promise<string> {
  const customer = createCustomer(store.db, store.clock, { firstName: 'Colin', lastName: 'P', email: 'c@p.test' });
  let frame = await personInFrame(lfwPhoto('Colin_Powell', 1));
  const enrolment = new EnrolmentService({
    db: store.db,
    clock: store.clock,
    engine: onnx,
    gallery: new Gallery(onnx.embeddingSize),
    camera: { latestFrame: () => ({ jpeg: frame, at: store.clock.now() }) },
    quality: DEFAULT_QUALITY,
    logger: store.logger,
    onEnrolled: () => undefined,
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
  expect(enrolment.finish(session.enrolmentId)).toMatchObject({ enrolled: true, templates: 3 });
  return customer.id;
}

describe('enrolment on the ONNX engine', () => {
  it('reports the FaceRes descriptor of every embedded face beside the dlib one', async () => {
    expect(onnx.modelId).toBe(DLIB);
    const frame = await decodeJpeg(await personInFrame(lfwPhoto('Colin_Powell', 1)));
    const [face] = await onnx.detect(frame, { embed: true });
    const faceres = face?.alternateEmbeddings?.[FACERES];
    expect(face?.embedding).toHaveLength(128);
    expect(faceres).toBeInstanceOf(Float32Array);
    expect(faceres).toHaveLength(1024);
    expect(dot(faceres as Float32Array, faceres as Float32Array)).toBeCloseTo(1, 5);
    // Detection only: nothing was described, so there is nothing alongside either.
    const [bare] = await onnx.detect(frame, { embed: false });
    expect(bare?.alternateEmbeddings).toBeUndefined();
  });

  it("stores the samples under both models, and the human engine recognises the customer from FaceRes's", async () => {
    const broker = { url: 'mqtts://broker.invalid:8883', username: 's', caPem: '', clientCertPem: '' };
    setSetting(store.db, BROKER_KEY, { ...broker, rejectUnauthorized: true });
    const customerId = await enrolColin();
    const counts = store.db
      .prepare('SELECT model_id AS model, COUNT(*) AS n FROM face_templates WHERE customer_id = ? GROUP BY model_id')
      .all(customerId);
    expect(counts).toEqual(
      expect.arrayContaining([
        { model: DLIB, n: 3 },
        { model: FACERES, n: 3 },
      ]),
    );
    expect(counts).toHaveLength(2);

    // The chain hears of the running model and the sample count only; no template leaves the PC. (Sync is on, as
    // a broker is configured below; nothing connects to it.)
    const outbox = store.db
      .prepare<[], string>("SELECT body FROM sync_outbox WHERE kind = 'enrolment'")
      .pluck()
      .all()
      .map((body) => JSON.parse(body) as unknown);
    expect(outbox).toEqual([expect.objectContaining({ customerId, modelId: DLIB, templateCount: 3, templates: [] })]);

    // The fallback engine: its gallery is FaceRes's templates, its probe another photo of the same man.
    const gallery = new Gallery(1024);
    gallery.replacePerson(
      customerId,
      loadTemplates(store.db, FACERES).map((t) => t.embedding),
    );
    const human = await createHumanEngine({ logger: memoryLogger() });
    try {
      expect(human.modelId).toBe(FACERES);
      const probe = await human.detect(await decodeJpeg(await personInFrame(lfwPhoto('Colin_Powell', 4))), {
        embed: true,
      });
      const embedding = probe[0]?.embedding;
      if (!embedding) throw new Error('the human engine found no face in Colin_Powell_0004');
      const { best } = gallery.match(embedding);
      expect(best?.customerId).toBe(customerId);
      expect(best?.score).toBeGreaterThan(matchThresholdFor(FACERES));
    } finally {
      await human.close();
    }
  }, 120_000);
});

describe('alternateTemplates', () => {
  const v = (...values: number[]) => new Float32Array(values);

  it('keeps only models every sample has, never the primary one, in sample order', () => {
    const samples: Record<string, Float32Array>[] = [
      { faceres: v(1, 0), other: v(1, 0, 0), primary: v(1) },
      { faceres: v(0, 1), primary: v(1) },
    ];
    const out = alternateTemplates(samples, 'primary');
    expect([...out.keys()]).toEqual(['faceres']);
    expect(out.get('faceres')).toEqual([v(1, 0), v(0, 1)]);
  });

  it('leaves out a model whose descriptors differ in length, and has nothing without samples', () => {
    expect(alternateTemplates([{ m: v(1, 0) }, { m: v(1, 0, 0) }], 'primary').size).toBe(0);
    expect(alternateTemplates([], 'primary').size).toBe(0);
  });
});
