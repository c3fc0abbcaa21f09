/**
 * The one shape every face matcher has, local or in the cloud: who is this face (or nobody), enrol a consenting
 * customer's faces, erase a person. The local matcher answers from the embedding; a cloud matcher needs the face
 * image, which is only produced when asked (a stranger's crop is never made unless a cloud lookup happens, and is
 * never stored).
 */

export interface FaceProbe {
  /** The face's embedding from our own engine. */
  readonly embedding: Float32Array;
  /** The face as a JPEG crop, made on demand. */
  jpeg(): Promise<Uint8Array>;
}

export type MatchSource = 'local' | 'cloud';

export interface MatchDecision {
  /** The enrolled customer, or null for nobody enrolled. */
  readonly customerId: string | null;
  /** The matcher's own similarity: cosine for local, Rekognition's percent / 100 for cloud. */
  readonly score: number;
  readonly source: MatchSource;
  /** Set when the answer is not the one asked for, e.g. "the cloud is unreachable: matched locally". */
  readonly note: string | null;
}

export interface Matcher {
  identify(probe: FaceProbe): Promise<MatchDecision>;
  /** Adds a consenting customer's face images (each with exactly one face). Returns how many were indexed. */
  enrol(customerId: string, faces: readonly Uint8Array[]): Promise<number>;
  /** Removes every face of this customer. Returns how many were removed. */
  erase(customerId: string): Promise<number>;
}
