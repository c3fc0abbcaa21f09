/**
 * How many analyses the cameras may run at once: one per worker when the face engine is a worker pool (each
 * worker takes one frame), else one (an in-process engine runs one frame at a time anyway, and queueing more
 * would only make every frame older).
 */
import type { FaceEngine } from '../vision/types.js';

export function analysisSlotsFor(engine: FaceEngine): number {
  const stats: unknown = 'stats' in engine && typeof engine.stats === 'function' ? engine.stats() : null;
  if (typeof stats === 'object' && stats !== null && 'workers' in stats && typeof stats.workers === 'number') {
    return Math.max(1, stats.workers);
  }
  return 1;
}
