/**
 * The enrolled templates in memory, as ONE row-major matrix of unit vectors with a parallel array of
 * customer ids, so a match is a single pass of dot products over contiguous memory.
 *
 * Invariant: row r of `matrix` (r < rows) is a unit vector belonging to `owners[r]`, and each person's
 * rows are whatever was last given to replacePerson for them.
 */
import { normalise } from './similarity.js';

export interface PersonScore {
  readonly customerId: string;
  /** Cosine similarity: the best over this person's templates. */
  readonly score: number;
}

export interface GalleryMatch {
  readonly best: PersonScore | null;
  /** The best-scoring OTHER person, to judge how clear the win is. */
  readonly second: PersonScore | null;
}

export class Gallery {
  private matrix: Float32Array;
  private owners: string[] = [];

  constructor(
    /** Embedding length; every template and probe must have it. */
    readonly dimension: number,
    initialCapacity = 64,
  ) {
    if (!Number.isInteger(dimension) || dimension <= 0) throw new Error(`Invalid embedding dimension ${dimension}`);
    this.matrix = new Float32Array(dimension * Math.max(1, initialCapacity));
  }

  /** Number of templates (rows). */
  get size(): number {
    return this.owners.length;
  }

  /** Number of distinct people. */
  get people(): number {
    return new Set(this.owners).size;
  }

  has(customerId: string): boolean {
    return this.owners.includes(customerId);
  }

  /** Sets this person's templates to exactly `embeddings` (normalised here); none removes them. */
  replacePerson(customerId: string, embeddings: readonly Float32Array[]): void {
    // Validate all before changing anything, so a bad embedding leaves the gallery as it was.
    const rows = embeddings.map((e) => {
      if (e.length !== this.dimension) {
        throw new Error(`Embedding of length ${e.length} does not fit a gallery of dimension ${this.dimension}`);
      }
      return normalise(e);
    });
    this.removePerson(customerId);
    this.reserve(this.owners.length + rows.length);
    for (const row of rows) {
      this.matrix.set(row, this.owners.length * this.dimension);
      this.owners.push(customerId);
    }
  }

  /** Removes every template of this person (compacting the matrix). Returns how many were removed. */
  removePerson(customerId: string): number {
    let write = 0;
    const d = this.dimension;
    for (let read = 0; read < this.owners.length; read++) {
      const owner = this.owners[read];
      if (owner === undefined || owner === customerId) continue;
      if (write !== read) {
        this.matrix.copyWithin(write * d, read * d, (read + 1) * d);
        this.owners[write] = owner;
      }
      write++;
    }
    const removed = this.owners.length - write;
    this.owners.length = write;
    return removed;
  }

  /** The best and second-best people for a probe embedding (normalised here). */
  match(embedding: Float32Array): GalleryMatch {
    if (embedding.length !== this.dimension) {
      throw new Error(`Probe of length ${embedding.length} does not fit a gallery of dimension ${this.dimension}`);
    }
    const probe = normalise(embedding);
    const perPerson = new Map<string, number>();
    const d = this.dimension;
    for (let r = 0; r < this.owners.length; r++) {
      const owner = this.owners[r];
      if (owner === undefined) continue;
      let score = 0;
      const offset = r * d;
      for (let i = 0; i < d; i++) score += (this.matrix[offset + i] ?? 0) * (probe[i] ?? 0);
      const previous = perPerson.get(owner);
      if (previous === undefined || score > previous) perPerson.set(owner, score);
    }
    let best: PersonScore | null = null;
    let second: PersonScore | null = null;
    for (const [customerId, score] of perPerson) {
      if (best === null || score > best.score) {
        second = best;
        best = { customerId, score };
      } else if (second === null || score > second.score) {
        second = { customerId, score };
      }
    }
    return { best, second };
  }

  private reserve(rows: number): void {
    if (rows * this.dimension <= this.matrix.length) return;
    const grown = new Float32Array(Math.max(rows, 2 * (this.matrix.length / this.dimension)) * this.dimension);
    grown.set(this.matrix.subarray(0, this.owners.length * this.dimension));
    this.matrix = grown;
  }
}
