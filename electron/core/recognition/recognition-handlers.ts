/**
 * The recognition commands: a clerk's "not this person" (staff window) and the vision counters for the admin
 * window (quality-gate rejections by reason, embeddings, decisions, dropped frames, and the customers who must be
 * enrolled again for this engine's face model). Spread into the handler map.
 */
import type { Handlers } from '../../contract/dispatch.js';
import { CommandError } from '../../contract/result.js';
import type { PickupBoard } from '../board/pickup-board.js';
import type { Gallery } from '../matching/gallery.js';
import type { SignIns } from '../services/sign-ins.js';
import type { ReadableDb } from '../store/database.js';
import { reenrolmentStatus } from '../store/reenrolment.js';
import type { FaceEngine } from '../vision/types.js';
import type { WorkerPoolStats } from '../vision/worker-pool/worker-pool.js';
import type { RecognitionPipeline } from './recognition-pipeline.js';

export type RecognitionCommand = 'recognition.reject' | 'vision.stats';

export interface RecognitionHandlerDeps {
  readonly db: ReadableDb;
  readonly board: PickupBoard;
  readonly signIns: SignIns;
  /** Null until the face models have loaded. */
  readonly vision: () => {
    readonly engine: FaceEngine & { stats?: () => WorkerPoolStats };
    readonly pipeline: RecognitionPipeline;
    readonly gallery: Gallery;
  } | null;
}

export function createRecognitionHandlers(deps: RecognitionHandlerDeps): Pick<Handlers, RecognitionCommand> {
  return {
    // The board records the clerk's answer and tells its onMatchRejected listeners (applyMatchRejection).
    'recognition.reject': (input) => {
      deps.board.confirm(input.visitId, false, input.clerk ?? 'staff');
      return { match: 'rejected' };
    },
    'vision.stats': (_input, caller) => {
      deps.signIns.requireManager(caller);
      const loaded = deps.vision();
      if (!loaded)
        throw new CommandError('unavailable', 'The face models are still loading; try again in a few seconds.');
      const { engine, pipeline, gallery } = loaded;
      return {
        backend: engine.backend,
        modelId: engine.modelId,
        workers: engine.stats?.().workers ?? 0,
        ...pipeline.stats(),
        galleryTemplates: gallery.size,
        galleryPeople: gallery.people,
        reenrolment: reenrolmentStatus(deps.db, engine.modelId),
      };
    },
  };
}
