/**
 * The enrolled templates in memory, as ONE row-major matrix of unit vectors quantised to int8 (one scale per row)
 * with a parallel array of owners, so a 1:N match is a single SIMD pass of dot products over contiguous memory
 * (int8-dot-wasm.ts) followed by one pass over the rows for each person's best: no allocation per row.
 *
 * Invariant: row r (r < rows) holds round(unit[r] * 127 / max|unit[r]|) for a unit vector unit[r] belonging to
 * person owner[r], and each person's rows are whatever was last given to replacePerson for them. Quantising
 * changes a cosine by less than 0.002 (measured in gallery.test.ts on real embeddings): far below the margins
 * that matter (thresholds are calibrated to 0.01).
 *
 * Memory: `dimension` rounded up to 16 bytes per template, plus 12 bytes of bookkeeping: 100,000 templates of
 * 1,024 numbers take about 104 MB (410 MB as float32).
 */
import { createInt8DotKernel, type Int8DotKernel } from './int8-dot-wasm.js';
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

const PAGE = 65536;
const QUANT = 127;

export class Gallery {
  private readonly kernel: Int8DotKernel = createInt8DotKernel();
  /** Bytes per row: dimension rounded up to the kernel's 16-byte step (the padding stays zero). */
  private readonly stride: number;
  private capacity = 0;
  private rows = 0;
  /** Per row: the owner's person slot, and the factor turning the int dot product back into a cosine part. */
  private owner = new Int32Array(0);
  private rowScale = new Float32Array(0);
  /** Per person slot: id, template count, and scratch for the best score of the current match. */
  private readonly slotIds: (string | null)[] = [];
  private slotRows = new Int32Array(0);
  private slotBest = new Float32Array(0);
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];

  constructor(
    /** Embedding length; every template and probe must have it. */
    readonly dimension: number,
    initialCapacity = 64,
  ) {
    if (!Number.isInteger(dimension) || dimension <= 0) throw new Error(`Invalid embedding dimension ${dimension}`);
    this.stride = Math.ceil(dimension / 16) * 16;
    this.reserve(Math.max(1, initialCapacity));
  }

  /** Number of templates (rows). */
  get size(): number {
    return this.rows;
  }

  /** Number of distinct people. */
  get people(): number {
    return this.slotOf.size;
  }

  /** Bytes held for the templates and their bookkeeping (the match benchmark reports it). */
  get bytes(): number {
    return this.kernel.memory.buffer.byteLength + this.owner.byteLength + this.rowScale.byteLength;
  }

  has(customerId: string): boolean {
    return this.slotOf.has(customerId);
  }

  /** Sets this person's templates to exactly `embeddings` (normalised here); none removes them. */
  replacePerson(customerId: string, embeddings: readonly Float32Array[]): void {
    // Validate all before changing anything, so a bad embedding leaves the gallery as it was.
    const units = embeddings.map((e) => {
      if (e.length !== this.dimension) {
        throw new Error(`Embedding of length ${e.length} does not fit a gallery of dimension ${this.dimension}`);
      }
      return normalise(e);
    });
    this.removePerson(customerId);
    if (units.length === 0) return;
    this.reserve(this.rows + units.length);
    const slot = this.freeSlots.pop() ?? this.newSlot();
    this.slotIds[slot] = customerId;
    this.slotOf.set(customerId, slot);
    this.slotRows[slot] = units.length;
    const matrix = this.matrixView();
    for (const unit of units) {
      const r = this.rows++;
      this.rowScale[r] = quantise(unit, matrix, r * this.stride);
      this.owner[r] = slot;
    }
  }

  /** Removes every template of this person (compacting the matrix). Returns how many were removed. */
  removePerson(customerId: string): number {
    const slot = this.slotOf.get(customerId);
    if (slot === undefined) return 0;
    const matrix = this.matrixView();
    let write = 0;
    for (let read = 0; read < this.rows; read++) {
      if (this.owner[read] === slot) continue;
      if (write !== read) {
        matrix.copyWithin(write * this.stride, read * this.stride, (read + 1) * this.stride);
        this.owner[write] = this.owner[read] ?? 0;
        this.rowScale[write] = this.rowScale[read] ?? 0;
      }
      write++;
    }
    const removed = this.rows - write;
    this.rows = write;
    this.slotOf.delete(customerId);
    this.slotIds[slot] = null;
    this.slotRows[slot] = 0;
    this.freeSlots.push(slot);
    return removed;
  }

  /** The best and second-best people for a probe embedding (normalised here). */
  match(embedding: Float32Array): GalleryMatch {
    if (embedding.length !== this.dimension) {
      throw new Error(`Probe of length ${embedding.length} does not fit a gallery of dimension ${this.dimension}`);
    }
    if (this.rows === 0) return { best: null, second: null };
    const probe = normalise(embedding);
    const probeScale = quantise(probe, new Int8Array(this.kernel.memory.buffer, 0, this.stride), 0);
    const outOffset = this.outOffset();
    this.kernel.dots(this.matrixOffset(), 0, outOffset, this.rows, this.stride);
    const dots = new Int32Array(this.kernel.memory.buffer, outOffset, this.rows);

    const best = this.slotBest;
    best.fill(Number.NEGATIVE_INFINITY);
    for (let r = 0; r < this.rows; r++) {
      const slot = this.owner[r] ?? 0;
      const score = (dots[r] ?? 0) * (this.rowScale[r] ?? 0) * probeScale;
      if (score > (best[slot] ?? Number.NEGATIVE_INFINITY)) best[slot] = score;
    }
    let first = -1;
    let second = -1;
    for (let slot = 0; slot < this.slotIds.length; slot++) {
      if ((this.slotRows[slot] ?? 0) === 0) continue;
      const score = best[slot] ?? Number.NEGATIVE_INFINITY;
      if (first < 0 || score > (best[first] ?? 0)) {
        second = first;
        first = slot;
      } else if (second < 0 || score > (best[second] ?? 0)) {
        second = slot;
      }
    }
    return { best: this.scoreOf(first), second: this.scoreOf(second) };
  }

  private scoreOf(slot: number): PersonScore | null {
    const customerId = slot >= 0 ? this.slotIds[slot] : null;
    if (customerId === null || customerId === undefined) return null;
    return { customerId, score: Math.min(1, this.slotBest[slot] ?? 0) };
  }

  private newSlot(): number {
    const slot = this.slotIds.length;
    this.slotIds.push(null);
    if (slot >= this.slotRows.length) {
      const grownRows = new Int32Array(Math.max(16, 2 * this.slotRows.length));
      grownRows.set(this.slotRows);
      this.slotRows = grownRows;
      this.slotBest = new Float32Array(grownRows.length);
    }
    return slot;
  }

  /** Memory layout: [probe: stride][matrix: capacity x stride][dot products: capacity x 4]. */
  private matrixOffset(): number {
    return this.stride;
  }

  private outOffset(): number {
    return this.stride + this.capacity * this.stride;
  }

  private matrixView(): Int8Array {
    return new Int8Array(this.kernel.memory.buffer, this.matrixOffset(), this.capacity * this.stride);
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, 2 * this.capacity);
    const needed = this.stride + capacity * this.stride + capacity * 4;
    const have = this.kernel.memory.buffer.byteLength;
    if (needed > have) this.kernel.memory.grow(Math.ceil((needed - have) / PAGE));
    // The matrix grows in place (it starts at a fixed offset); only the scratch for dot products moves.
    this.capacity = capacity;
    const owner = new Int32Array(capacity);
    owner.set(this.owner.subarray(0, this.rows));
    this.owner = owner;
    const scale = new Float32Array(capacity);
    scale.set(this.rowScale.subarray(0, this.rows));
    this.rowScale = scale;
  }
}

/**
 * Writes `unit` as int8 into `target` at `offset` (scaled so its largest component is +-127) and returns the factor
 * that turns an int8 dot product back into float units for this vector.
 */
function quantise(unit: Float32Array, target: Int8Array, offset: number): number {
  let max = 0;
  for (let i = 0; i < unit.length; i++) max = Math.max(max, Math.abs(unit[i] ?? 0));
  const scale = max > 0 ? QUANT / max : 1;
  for (let i = 0; i < unit.length; i++) target[offset + i] = Math.round((unit[i] ?? 0) * scale);
  return 1 / scale;
}
