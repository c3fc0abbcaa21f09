/**
 * Who is in front of each camera right now, as track ids only (no identity, no image): the recognition pipeline
 * reports the tracks it follows after every analysed frame. The customer display uses it for its privacy rule
 * (never show one customer's data while another person is in view) and to return to idle when the customer
 * leaves. Nothing here is stored.
 */

export interface TrackUpdate {
  /** Tracks seen in this frame. */
  readonly inView: readonly number[];
  /** Tracks that ended (the person left) since the previous frame. */
  readonly ended: readonly number[];
}

export type PresenceListener = (cameraId: string, update: TrackUpdate) => void;

export class Presence {
  private readonly byCamera = new Map<string, Set<number>>();
  private readonly listeners = new Set<PresenceListener>();

  /** Called by the pipeline after each frame. A track not in `inView` but not ended yet is still present. */
  update(cameraId: string, update: TrackUpdate): void {
    const tracks = this.byCamera.get(cameraId) ?? new Set<number>();
    for (const id of update.ended) tracks.delete(id);
    for (const id of update.inView) tracks.add(id);
    this.byCamera.set(cameraId, tracks);
    for (const listener of this.listeners) listener(cameraId, update);
  }

  /** Tracks present at the camera (0 for a camera never reported). */
  count(cameraId: string): number {
    return this.byCamera.get(cameraId)?.size ?? 0;
  }

  has(cameraId: string, trackId: number): boolean {
    return this.byCamera.get(cameraId)?.has(trackId) ?? false;
  }

  /** Whether the camera has ever reported (without reports, a greeting cannot be checked against presence). */
  knows(cameraId: string): boolean {
    return this.byCamera.has(cameraId);
  }

  onChange(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A camera stopped: its tracks are gone with it. */
  clear(cameraId: string): void {
    this.byCamera.delete(cameraId);
  }
}
