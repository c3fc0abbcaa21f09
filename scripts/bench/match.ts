/**
 * Bench section `match`: 1:N matching time and memory for N = 10,000 and 100,000 enrolled people (one synthetic
 * 1,024-d unit vector each, the FaceRes size: the stable keys), with probes at a genuine-like cosine of about 0.7
 * to one of them. Beside it, the plain-JavaScript float scan the gallery replaced, at N = 10,000 (at 100,000 it
 * takes ~0.3 s), and N = 100,000 at 128-d, the size of the dlib recogniser the ONNX engine uses by default.
 */
import { Gallery } from '../../electron/core/matching/gallery.js';
import { dot, normalise } from '../../electron/core/matching/similarity.js';
import { percentile, round, type BenchSection } from './section.js';

const DIMENSION = 1024;
/** The dlib ResNet's descriptor size (the ONNX engine's default recogniser). */
const DLIB_DIMENSION = 128;

/** Deterministic normal-ish numbers (sum of uniforms), so every run matches the same gallery. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return () => uniform() + uniform() + uniform() + uniform() - 2;
}

function vector(next: () => number, dimension = DIMENSION): Float32Array {
  const out = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) out[i] = next();
  return normalise(out);
}

function floatScan(rows: readonly Float32Array[], probe: Float32Array): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const row of rows) best = Math.max(best, dot(row, probe));
  return best;
}

export const matchSection: BenchSection = {
  name: 'match',
  description: '1:N matching of a probe against 10,000 and 100,000 enrolled 1,024-d templates',
  async run({ progress, quick }) {
    const runs = quick ? 10 : 50;
    const json: Record<string, Record<string, number>> = {};
    const rows = [];
    for (const [n, dimension] of [
      [10_000, DIMENSION],
      [100_000, DIMENSION],
      [100_000, DLIB_DIMENSION],
    ] as const) {
      const key = dimension === DIMENSION ? `n${n}` : `n${n}_${dimension}d`;
      progress(`enrolling ${n} synthetic people, ${dimension}-d`);
      const next = generator(n);
      const gallery = new Gallery(dimension, n);
      const kept: Float32Array[] = [];
      for (let i = 0; i < n; i++) {
        const template = vector(next, dimension);
        gallery.replacePerson(`p${i}`, [template]);
        if (n === 10_000) kept.push(template);
      }
      const probes = Array.from({ length: runs }, (_, k) => {
        const noise = vector(next, dimension);
        const target = n === 10_000 ? kept[(k * 7919) % n] : vector(next, dimension);
        return normalise((target ?? noise).map((x, i) => x + (noise[i] ?? 0)));
      });
      gallery.match(probes[0] ?? vector(next, dimension)); // warm-up
      const times: number[] = [];
      let correct = 0;
      for (const [k, probe] of probes.entries()) {
        const t0 = performance.now();
        const { best } = gallery.match(probe);
        times.push(performance.now() - t0);
        if (n === 10_000 && best?.customerId === `p${(k * 7919) % n}`) correct += 1;
      }
      const figures = {
        p50_ms: round(percentile(times, 50), 2),
        p95_ms: round(percentile(times, 95), 2),
        bytes: gallery.bytes,
      };
      json[key] = figures;
      rows.push({ label: `int8 SIMD gallery, N=${n}, ${dimension}-d`, values: figures });
      if (n === 10_000) {
        json[`n${n}`] = { ...figures, right_person: correct / probes.length };
        progress('the float scan it replaced, N=10000');
        const floatTimes = probes.slice(0, Math.min(10, runs)).map((probe) => {
          const t0 = performance.now();
          floatScan(kept, probe);
          return performance.now() - t0;
        });
        const floatFigures = {
          p50_ms: round(percentile(floatTimes, 50), 2),
          p95_ms: round(percentile(floatTimes, 95), 2),
          bytes: n * DIMENSION * 4,
        };
        json.n10000_float_js = floatFigures;
        rows.push({ label: `plain JS float32 scan, N=${n}`, values: floatFigures });
      }
    }
    return { json: { match: { ...json, dimension: DIMENSION, target_p50_ms_at_100000: 20 } }, rows };
  },
};
