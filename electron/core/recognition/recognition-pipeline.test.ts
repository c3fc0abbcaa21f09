import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { memoryLogger } from '../logger.js';
import { Gallery } from '../matching/gallery.js';
import { repoRoot } from '../store/testing.js';
import { decodeJpeg } from '../vision/decode.js';
import { createHumanEngine } from '../vision/human-engine.js';
import { DEFAULT_QUALITY } from '../vision/quality-gate.js';
import type { DetectOptions, FaceEngine, RgbFrame } from '../vision/types.js';
import { RecognitionPipeline, type MatchRule, type Recognition } from './recognition-pipeline.js';
import { RejectionMemory } from './rejection-memory.js';

const lfw = (person: string, n: number) =>
  path.join(repoRoot, '../shared/data/faces/identities/lfw', person, `${person}_${String(n).padStart(4, '0')}.jpg`);

async function frameOf(file: string, width?: number): Promise<RgbFrame> {
  const bytes = await readFile(file);
  return decodeJpeg(width === undefined ? bytes : await sharp(bytes).resize(width).jpeg().toBuffer());
}

describe('recognition pipeline on real photos', () => {
  let human: FaceEngine;
  /** The real engine, counting how many faces each call asked it to embed. */
  let engine: FaceEngine & { embedded: number };
  let colin: RgbFrame;
  const gallery = new Gallery(1024);

  beforeAll(async () => {
    human = await createHumanEngine({ logger: memoryLogger() });
    engine = {
      backend: human.backend,
      modelId: human.modelId,
      embeddingSize: human.embeddingSize,
      embedded: 0,
      async detect(frame: RgbFrame, options: DetectOptions) {
        const faces = await human.detect(frame, options);
        engine.embedded += faces.filter((f) => f.embedding !== null).length;
        return faces;
      },
      close: () => human.close(),
    };
    const templates = async (person: string) =>
      Promise.all(
        [2, 3, 4].map(async (n) => {
          const [face] = await human.detect(await frameOf(lfw(person, n)), { embed: true });
          if (!face?.embedding) throw new Error(`no face in ${person} ${n}`);
          return face.embedding;
        }),
      );
    gallery.replacePerson('colin', await templates('Colin_Powell'));
    gallery.replacePerson('tony', await templates('Tony_Blair'));
    colin = await frameOf(lfw('Colin_Powell', 1));
  }, 180_000);

  afterAll(async () => {
    await human?.close();
  });

  function pipeline(rejections?: RejectionMemory, match: MatchRule = { threshold: 0.65, margin: 0.03 }) {
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const recognised: Recognition[] = [];
    const seen: string[] = [];
    const p = new RecognitionPipeline({
      engine,
      gallery,
      clock,
      match,
      quality: DEFAULT_QUALITY,
      ...(rejections ? { rejections } : {}),
      onFaceSeen: (cameraId) => seen.push(cameraId),
      onRecognised: (r) => recognised.push(r),
    });
    const frame = async (f: RgbFrame) => {
      clock.advance(200);
      return p.analyse('cam', f);
    };
    return { p, recognised, seen, frame };
  }

  it('decides after three agreeing frames and stops embedding the decided track', async () => {
    const { p, recognised, seen, frame } = pipeline();
    const before = engine.embedded;
    for (let i = 0; i < 5; i++) await frame(colin);
    expect(recognised).toEqual([{ cameraId: 'cam', trackId: 1, customerId: 'colin', score: expect.any(Number) }]);
    expect(seen).toEqual(['cam']);
    // One face, five frames: embedded for the three frames of the decision only.
    expect(engine.embedded - before).toBe(3);
    expect(p.stats()).toMatchObject({ frames: 5, faces: 5, embeddings: 3, decisions: 1, facesMatched: 3 });
  });

  it('counts faces too small to match by reason and never embeds or matches them', async () => {
    const { p, recognised, frame } = pipeline();
    const tiny = await frameOf(lfw('Colin_Powell', 1), 100); // the face becomes ~40 px wide
    const before = engine.embedded;
    for (let i = 0; i < 4; i++) await frame(tiny);
    expect(recognised).toEqual([]);
    expect(engine.embedded - before).toBe(0);
    expect(p.stats().gates.too_small).toBe(4);
  });

  it('does not propose a rejected person again for the same track', async () => {
    const memory = new RejectionMemory();
    const { p, recognised, frame } = pipeline(memory);
    for (let i = 0; i < 3; i++) await frame(colin);
    expect(recognised).toHaveLength(1);
    expect(p.reject('cam', 'colin', recognised[0]?.trackId ?? null)).toBe(1);
    memory.record('colin');
    for (let i = 0; i < 5; i++) await frame(colin);
    expect(recognised).toHaveLength(1);
    expect(p.stats().tracksRejected).toBe(1);
  });

  it('raises the bar for a customer after rejections until a genuine photo no longer clears it', async () => {
    const memory = new RejectionMemory({ step: 0.2, maxRaise: 0.4 });
    memory.record('colin');
    const { recognised, frame } = pipeline(memory);
    for (let i = 0; i < 5; i++) await frame(colin);
    expect(recognised).toEqual([]);
    expect(memory.thresholdRaise('colin')).toBeCloseTo(0.2, 9);
    memory.record('colin');
    memory.record('colin');
    expect(memory.thresholdRaise('colin')).toBeCloseTo(0.4, 9);
  });

  it("raises the bar by the model's own rejection rule when the match rule carries one", async () => {
    // The memory's own rule would barely move the bar; the model's rule (its scores' scale) decides.
    const memory = new RejectionMemory({ step: 0.001, maxRaise: 0.001 });
    memory.record('colin');
    const { recognised, frame } = pipeline(memory, {
      threshold: 0.65,
      margin: 0.03,
      rejection: { step: 0.2, maxRaise: 0.4 },
    });
    for (let i = 0; i < 5; i++) await frame(colin);
    expect(recognised).toEqual([]);
  });
});
