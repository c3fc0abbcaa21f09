/**
 * The vector math of face matching, apart from any model or tensor code: dot product, L2 norm,
 * normalisation and cosine similarity on Float32Array embeddings.
 */

export type Vector = Float32Array | readonly number[];

export function dot(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new Error(`Vectors differ in length: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

export function l2Norm(a: Vector): number {
  return Math.sqrt(dot(a, a));
}

/**
 * A unit-length copy of `a`. Throws on a zero or non-finite vector: such an embedding means the model
 * failed, and silently matching it against anyone would be worse than stopping.
 */
export function normalise(a: Vector): Float32Array {
  const norm = l2Norm(a);
  if (!Number.isFinite(norm) || norm === 0) throw new Error('Cannot normalise a zero or non-finite embedding');
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) / norm;
  return out;
}

/** Cosine similarity in [-1, 1]; equals the dot product when both are already normalised. */
export function cosine(a: Vector, b: Vector): number {
  const denominator = l2Norm(a) * l2Norm(b);
  if (denominator === 0) throw new Error('Cosine similarity of a zero vector is undefined');
  return dot(a, b) / denominator;
}
