/**
 * The `vision.backend` setting (`onnx` | `human`) and starting the engine it names. ONNX is the default; human
 * is the reference and the fallback: when the ONNX engine cannot start (models not converted, or failing to
 * load) the human engine starts instead, with a logged warning, and the description says so (app.info shows it).
 */
import type { Logger } from '../../logger.js';
import type { ReadableDb } from '../../store/database.js';
import { getSetting } from '../../store/settings.js';
import type { FaceEngine } from '../types.js';

export const VISION_BACKEND_KEY = 'vision.backend';
export type VisionBackend = 'onnx' | 'human';
export const DEFAULT_VISION_BACKEND: VisionBackend = 'onnx';

/** The configured backend; an unknown stored value is reported and the default used. */
export function readVisionBackend(db: ReadableDb, logger: Logger): VisionBackend {
  const value = getSetting(db, VISION_BACKEND_KEY);
  if (value === undefined) return DEFAULT_VISION_BACKEND;
  if (value === 'onnx' || value === 'human') return value;
  logger.warn(`setting ${VISION_BACKEND_KEY} is not 'onnx' or 'human'; using '${DEFAULT_VISION_BACKEND}'`, {
    value: String(value),
  });
  return DEFAULT_VISION_BACKEND;
}

export interface StartedEngine {
  readonly engine: FaceEngine;
  /** For app.info.visionBackend: the backend, and why when it is the fallback. */
  readonly description: string;
}

/** Starts `preferred`; if that is onnx and it fails, starts human instead and says why. */
export async function startVisionEngine(
  preferred: VisionBackend,
  start: (backend: VisionBackend) => Promise<FaceEngine>,
  logger: Logger,
): Promise<StartedEngine> {
  if (preferred === 'human') return { engine: await start('human'), description: 'human' };
  try {
    return { engine: await start('onnx'), description: 'onnx' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn('the ONNX face engine could not start; falling back to human (slower)', { reason });
    const engine = await start('human');
    return { engine, description: `human (fallback: the ONNX engine could not start: ${reason})` };
  }
}
