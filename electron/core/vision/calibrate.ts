/**
 * Calibration of the match threshold for the human engine on the shared identity photos:
 * genuine/impostor cosine distributions, the threshold at FAR 1e-3 and 1e-2 with the TAR there, and
 * rank-1 of probes against a gallery of 3 enrolled templates per person. Also prints face sizes,
 * sharpness of sharp and blurred photos (for the quality-gate defaults) and per-frame timings on a
 * 640x480 camera frame.
 *
 * Run: npx tsx electron/core/vision/calibrate.ts   (about 2 minutes on 2 cores)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createLogger } from '../logger.js';
import { Gallery } from '../matching/gallery.js';
import { pairScores, rateAbove, summarise, thresholdAtFar } from '../matching/roc.js';
import { dot } from '../matching/similarity.js';
import { matchThresholdFor } from '../matching/thresholds.js';
import { decodeJpeg, padFrame } from './decode.js';
import { createHumanEngine } from './human-engine.js';
import type { DetectedFace, FaceEngine, RgbFrame } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const faces = path.resolve(repoRoot, '../shared/data/faces');
const video = path.resolve(repoRoot, '../shared/data/video/walk_toward_camera_640x480_30fps.mjpeg');

/** BBT crops are tight 150 px faces: the detector needs context around them. */
const BBT_PAD = 75;
const ENROLLED_PER_PERSON = 3;

interface Sample {
  readonly label: string;
  readonly file: string;
  readonly face: DetectedFace;
  readonly embedding: Float32Array;
}

/** LFW photos can show bystanders: the subject is the face nearest the centre. */
function centralFace(found: readonly DetectedFace[], frame: RgbFrame): DetectedFace | null {
  let best: DetectedFace | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const face of found) {
    const d = Math.hypot(
      face.box.x + face.box.width / 2 - frame.width / 2,
      face.box.y + face.box.height / 2 - frame.height / 2,
    );
    if (d < bestDistance) {
      best = face;
      bestDistance = d;
    }
  }
  return best;
}

async function loadSet(engine: FaceEngine, set: 'lfw' | 'bbt'): Promise<{ samples: Sample[]; missed: string[] }> {
  const root = path.join(faces, 'identities', set);
  const people = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const samples: Sample[] = [];
  const missed: string[] = [];
  for (const person of people.sort()) {
    for (const file of (await readdir(path.join(root, person))).sort()) {
      const decoded = await decodeJpeg(await readFile(path.join(root, person, file)));
      const frame = set === 'bbt' ? padFrame(decoded, BBT_PAD) : decoded;
      const face = centralFace(await engine.detect(frame, { embed: true }), frame);
      if (face?.embedding) samples.push({ label: person, file, face, embedding: face.embedding });
      else missed.push(file);
    }
  }
  return { samples, missed };
}

/**
 * Rank-1 of probes against a gallery holding the first ENROLLED_PER_PERSON photos of each person, what
 * the threshold accepts, and how often a probe treated as a stranger would be taken for someone.
 */
function rankOne(samples: readonly Sample[], dimension: number, threshold: number) {
  const gallery = new Gallery(dimension);
  const byPerson = new Map<string, Sample[]>();
  for (const s of samples) byPerson.set(s.label, [...(byPerson.get(s.label) ?? []), s]);
  const probes: Sample[] = [];
  for (const [person, list] of byPerson) {
    gallery.replacePerson(
      person,
      list.slice(0, ENROLLED_PER_PERSON).map((s) => s.embedding),
    );
    probes.push(...list.slice(ENROLLED_PER_PERSON));
  }
  let correct = 0;
  let acceptedCorrect = 0;
  let acceptedWrong = 0;
  let strangerAccepted = 0;
  for (const probe of probes) {
    const { best, second } = gallery.match(probe.embedding);
    if (best?.customerId === probe.label) correct++;
    if (best && best.score > threshold) {
      if (best.customerId === probe.label) acceptedCorrect++;
      else acceptedWrong++;
    }
    // As a stranger (own person not enrolled) the probe meets the best of the OTHER people.
    const other = best?.customerId === probe.label ? second : best;
    if (other && other.score > threshold) strangerAccepted++;
  }
  return {
    probes: probes.length,
    people: byPerson.size,
    rank1: correct / probes.length,
    acceptedCorrect,
    acceptedWrong,
    strangerAccepted,
  };
}

function fmt(x: number, digits = 3): string {
  return x.toFixed(digits);
}

function report(
  set: string,
  samples: readonly Sample[],
  missed: readonly string[],
  dimension: number,
  chosen: number,
): void {
  const { genuine, impostor } = pairScores(samples, dot);
  const g = summarise(genuine);
  const i = summarise(impostor);
  console.log(`\n== ${set}: ${samples.length} faces embedded, no face in ${missed.length} ${missed.join(' ')}`);
  console.log(`genuine  n=${g.count} mean=${fmt(g.mean)} min=${fmt(g.min)} max=${fmt(g.max)}`);
  console.log(`impostor n=${i.count} mean=${fmt(i.mean)} min=${fmt(i.min)} max=${fmt(i.max)}`);
  for (const far of [1e-3, 1e-2]) {
    const t = thresholdAtFar(impostor, far);
    console.log(
      `FAR<=${far}: threshold=${fmt(t)} TAR=${fmt(rateAbove(genuine, t))} (measured FAR ${fmt(rateAbove(impostor, t), 4)})`,
    );
  }
  console.log(
    `default threshold ${chosen}: pair TAR=${fmt(rateAbove(genuine, chosen))} pair FAR=${fmt(rateAbove(impostor, chosen), 4)}`,
  );
  const r = rankOne(samples, dimension, chosen);
  console.log(
    `gallery of ${ENROLLED_PER_PERSON} templates/person: rank-1 ${fmt(r.rank1)} over ${r.probes} probes; ` +
      `above ${chosen}: ${r.acceptedCorrect} right, ${r.acceptedWrong} wrong; ` +
      `as strangers vs the other ${r.people - 1} people: ${r.strangerAccepted} of ${r.probes} falsely accepted`,
  );
  const widths = samples.map((s) => s.face.box.width).sort((a, b) => a - b);
  const sharp = samples.map((s) => s.face.sharpness).sort((a, b) => a - b);
  const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;
  console.log(`face width px: min=${q(widths, 0)} p5=${q(widths, 0.05)} median=${q(widths, 0.5)} max=${q(widths, 1)}`);
  console.log(
    `sharpness: min=${fmt(q(sharp, 0), 1)} p5=${fmt(q(sharp, 0.05), 1)} median=${fmt(q(sharp, 0.5), 1)} max=${fmt(q(sharp, 1), 1)}`,
  );
}

/** Sharpness and genuine similarity of blurred LFW photos (first photo per person vs its others). */
async function blurStudy(engine: FaceEngine, samples: readonly Sample[]): Promise<void> {
  const root = path.join(faces, 'identities', 'lfw');
  const firsts = new Map<string, Sample>();
  for (const s of samples) if (!firsts.has(s.label)) firsts.set(s.label, s);
  console.log('\n== blur study (LFW, first photo per person, sharp gaussian sigma)');
  for (const sigma of [1, 2, 3, 4]) {
    const sharpness: number[] = [];
    const sims: number[] = [];
    for (const [person, first] of firsts) {
      const blurred = await sharp(await readFile(path.join(root, person, first.file)))
        .blur(sigma)
        .jpeg()
        .toBuffer();
      const frame = await decodeJpeg(blurred);
      const face = centralFace(await engine.detect(frame, { embed: true }), frame);
      if (!face?.embedding) continue;
      sharpness.push(face.sharpness);
      const others = samples.filter((s) => s.label === person && s !== first);
      sims.push(Math.max(...others.map((o) => dot(o.embedding, face.embedding ?? o.embedding))));
    }
    const s = summarise(sharpness);
    const m = summarise(sims);
    console.log(
      `sigma ${sigma}: sharpness mean=${fmt(s.mean, 1)} min=${fmt(s.min, 1)} max=${fmt(s.max, 1)}; ` +
        `best genuine similarity mean=${fmt(m.mean)} min=${fmt(m.min)}`,
    );
  }
}

/** JPEG frames of an MJPEG stream (concatenated JPEGs). */
function splitMjpeg(bytes: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let start = bytes.indexOf(Buffer.from([0xff, 0xd8]));
  while (start >= 0) {
    const end = bytes.indexOf(Buffer.from([0xff, 0xd9]), start + 2);
    if (end < 0) break;
    frames.push(bytes.subarray(start, end + 2));
    start = bytes.indexOf(Buffer.from([0xff, 0xd8]), end + 2);
  }
  return frames;
}

async function timeFrame(engine: FaceEngine, name: string, frame: RgbFrame): Promise<void> {
  const found = await engine.detect(frame, { embed: true });
  console.log(
    `\n== ${name} (${frame.width}x${frame.height}): ${found.length} faces, ` +
      `widths ${found.map((f) => f.box.width).join(',')}, sharpness ${found.map((f) => f.sharpness.toFixed(0)).join(',')}`,
  );
  for (const embed of [false, true]) {
    const runs = 10;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await engine.detect(frame, { embed });
    const wall = (performance.now() - t0) / runs;
    const used = process.cpuUsage(cpu);
    console.log(
      `${embed ? 'detect+embed' : 'detect only '}: ${wall.toFixed(0)} ms wall, ` +
        `${((used.user + used.system) / 1000 / runs).toFixed(0)} ms CPU per frame`,
    );
  }
}

/** Per-frame cost on 640x480 frames: one face close up, and the demo video's street scene. */
async function timing(engine: FaceEngine): Promise<void> {
  const portrait = await sharp(await readFile(path.join(faces, 'edge-cases/examples/obama-480p.jpg')))
    .resize(640, 480, { fit: 'cover' })
    .jpeg()
    .toBuffer();
  await timeFrame(engine, 'one face, obama-480p cropped', await decodeJpeg(portrait));
  const frames = splitMjpeg(await readFile(video));
  const jpeg = frames[Math.floor(frames.length * 0.8)];
  if (jpeg) await timeFrame(engine, 'demo video frame', await decodeJpeg(jpeg));
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const engine = await createHumanEngine({ logger: createLogger({ level: 'warn' }) });
  console.log(`engine ${engine.modelId} ready in ${(performance.now() - t0).toFixed(0)} ms`);
  try {
    const lfw = await loadSet(engine, 'lfw');
    const chosen = matchThresholdFor(engine.modelId);
    report('LFW (10 people x 10 photos, 250x250)', lfw.samples, lfw.missed, engine.embeddingSize, chosen);
    const bbt = await loadSet(engine, 'bbt');
    report(
      `BBT (8 people x 5 grey 150 px crops, ${BBT_PAD} px grey border)`,
      bbt.samples,
      bbt.missed,
      engine.embeddingSize,
      chosen,
    );
    await blurStudy(engine, lfw.samples);
    await timing(engine);
  } finally {
    await engine.close();
  }
}

await main();
