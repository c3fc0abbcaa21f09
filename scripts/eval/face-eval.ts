/**
 * Face recognition accuracy of an engine on a folder of identities (one sub-folder of photos per person), the
 * figures releases are compared on: verification TAR at FAR 1e-2 and 1e-3 over all pairs, the equal error rate,
 * rank-1 identification (leave-one-out: every photo against all the others) and the open-set false-accept rate at
 * the shipped threshold (every photo as a stranger, its own person left out of the gallery). The CLI is
 * scripts/eval/faces.ts; keys of `FaceEvalResult` are stable.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pairScores, rateAbove, thresholdAtFar } from '../../electron/core/matching/roc.js';
import { dot } from '../../electron/core/matching/similarity.js';
import { decodeJpeg, padFrame } from '../../electron/core/vision/decode.js';
import type { DetectedFace, FaceEngine, RgbFrame } from '../../electron/core/vision/types.js';

export interface FaceEvalResult {
  readonly images: number;
  readonly detected: number;
  readonly genuine_pairs: number;
  readonly impostor_pairs: number;
  readonly 'tar_at_far_1e-2': number;
  readonly 'tar_at_far_1e-3': number;
  readonly eer: number;
  readonly rank1: number;
  readonly false_accept_rate_at_threshold: number;
  readonly threshold: number;
  readonly backend: string;
}

export interface FaceEvalOptions {
  readonly dataset: string;
  readonly engine: FaceEngine;
  /** The shipped match threshold for the engine's model. */
  readonly threshold: number;
  /** Evaluate only the first N people (sorted by folder name) and M photos each: for quick checks and tests. */
  readonly maxPeople?: number;
  readonly maxPerPerson?: number;
  readonly progress?: (message: string) => void;
}

export interface LabelledEmbedding {
  readonly label: string;
  readonly embedding: Float32Array;
}

const IMAGE = /\.(jpe?g|png|webp)$/i;

/** The subject of an identity photo: the face nearest the centre (LFW photos show bystanders too). */
export function centralFace(faces: readonly DetectedFace[], frame: RgbFrame): DetectedFace | null {
  let best: DetectedFace | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const face of faces) {
    if (!face.embedding) continue;
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

/**
 * Embeds the subject of a photo. Tight face crops (BBT's 150 px faces) leave the detector no context: when
 * nothing is found, the photo is tried again with a grey border of half its size.
 */
export async function embedPhoto(engine: FaceEngine, file: string): Promise<DetectedFace | null> {
  const frame = await decodeJpeg(await readFile(file));
  const found = centralFace(await engine.detect(frame, { embed: true }), frame);
  if (found) return found;
  const padded = padFrame(frame, Math.round(Math.max(frame.width, frame.height) / 2));
  return centralFace(await engine.detect(padded, { embed: true }), padded);
}

async function listDataset(dataset: string, maxPeople: number, maxPerPerson: number): Promise<[string, string[]][]> {
  let entries;
  try {
    entries = await readdir(dataset, { withFileTypes: true });
  } catch {
    throw new Error(
      `Cannot read the dataset folder ${dataset}: give a folder holding one folder of photos per person.`,
    );
  }
  const people = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .slice(0, maxPeople);
  const out: [string, string[]][] = [];
  for (const person of people) {
    const files = (await readdir(path.join(dataset, person))).filter((f) => IMAGE.test(f)).sort();
    out.push([person, files.slice(0, maxPerPerson).map((f) => path.join(dataset, person, f))]);
  }
  if (out.every(([, files]) => files.length === 0)) {
    throw new Error(`No photos under ${dataset}: expected one folder of .jpg/.png photos per person.`);
  }
  return out;
}

/** Equal error rate: where the false-reject rate of genuine pairs meets the false-accept rate of impostors. */
export function equalErrorRate(genuine: readonly number[], impostor: readonly number[]): number {
  if (genuine.length === 0 || impostor.length === 0) return Number.NaN;
  const thresholds = [...new Set([...genuine, ...impostor])].sort((a, b) => a - b);
  let best = { gap: Number.POSITIVE_INFINITY, eer: 1 };
  for (const t of thresholds) {
    const frr = 1 - rateAbove(genuine, t);
    const far = rateAbove(impostor, t);
    const gap = Math.abs(frr - far);
    if (gap < best.gap) best = { gap, eer: (frr + far) / 2 };
  }
  return best.eer;
}

/**
 * Leave-one-out identification over labelled embeddings: rank-1 (the best-scoring other photo is of the same
 * person; only probes whose person has another photo count) and the open-set false-accept rate (with its own
 * person left out, the best other person scores above the threshold).
 */
export function identification(
  samples: readonly LabelledEmbedding[],
  threshold: number,
): { rank1: number; falseAcceptRate: number } {
  let probes = 0;
  let correct = 0;
  let falseAccepts = 0;
  for (let i = 0; i < samples.length; i++) {
    const probe = samples[i];
    if (!probe) continue;
    let bestOwn = Number.NEGATIVE_INFINITY;
    let bestOther = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < samples.length; j++) {
      const other = samples[j];
      if (j === i || !other) continue;
      const score = dot(probe.embedding, other.embedding);
      if (other.label === probe.label) bestOwn = Math.max(bestOwn, score);
      else bestOther = Math.max(bestOther, score);
    }
    if (bestOther > threshold) falseAccepts += 1;
    if (bestOwn === Number.NEGATIVE_INFINITY) continue;
    probes += 1;
    if (bestOwn > bestOther) correct += 1;
  }
  return { rank1: probes > 0 ? correct / probes : Number.NaN, falseAcceptRate: falseAccepts / samples.length };
}

/** Anything that turns an identity photo into an L2-normalised embedding of its subject (null: no face found). */
export interface PhotoEmbedder {
  /** Reported as `backend` in the result. */
  readonly name: string;
  embed(file: string): Promise<Float32Array | null>;
}

export interface EmbedderEvalOptions extends Omit<FaceEvalOptions, 'engine'> {
  readonly embedder: PhotoEmbedder;
}

/** The embedder of a FaceEngine: the central face of the photo, padded once when nothing is found. */
export function engineEmbedder(engine: FaceEngine): PhotoEmbedder {
  return { name: engine.backend, embed: async (file) => (await embedPhoto(engine, file))?.embedding ?? null };
}

export async function evaluateFaces(options: FaceEvalOptions): Promise<FaceEvalResult> {
  return evaluateEmbedder({ ...options, embedder: engineEmbedder(options.engine) });
}

/** The same figures for any embedder, so recognisers outside the FaceEngine interface are compared like for like. */
export async function evaluateEmbedder(options: EmbedderEvalOptions): Promise<FaceEvalResult> {
  const dataset = await listDataset(
    options.dataset,
    options.maxPeople ?? Number.POSITIVE_INFINITY,
    options.maxPerPerson ?? Number.POSITIVE_INFINITY,
  );
  const samples: LabelledEmbedding[] = [];
  let images = 0;
  for (const [person, files] of dataset) {
    for (const file of files) {
      images += 1;
      const embedding = await options.embedder.embed(file);
      if (embedding) samples.push({ label: person, embedding });
    }
    options.progress?.(`${person}: ${files.length} photos (${samples.length}/${images} with a face so far)`);
  }
  const { genuine, impostor } = pairScores(samples, dot);
  const tarAt = (far: number) => (impostor.length > 0 ? rateAbove(genuine, thresholdAtFar(impostor, far)) : Number.NaN);
  const { rank1, falseAcceptRate } = identification(samples, options.threshold);
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : x);
  return {
    images,
    detected: samples.length,
    genuine_pairs: genuine.length,
    impostor_pairs: impostor.length,
    'tar_at_far_1e-2': round(tarAt(1e-2)),
    'tar_at_far_1e-3': round(tarAt(1e-3)),
    eer: round(equalErrorRate(genuine, impostor)),
    rank1: round(rank1),
    false_accept_rate_at_threshold: round(falseAcceptRate),
    threshold: options.threshold,
    backend: options.embedder.name,
  };
}
