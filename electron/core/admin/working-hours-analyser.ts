/**
 * Capture follows the store's working hours: this wraps the frame analyser the cameras feed, and outside the
 * hours a frame is not analysed at all (no detection, no footfall, no recognition); it is counted as skipped.
 * Per-camera hours (the camera table) stop a runner altogether; these are the store's own opening hours, which
 * the privacy notice promises, and they apply to every camera.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { FrameOutcome } from '../recognition/recognition-pipeline.js';
import type { FrameAnalyser } from '../runtime/camera-runner.js';
import type { RgbFrame } from '../vision/types.js';

export interface GatedAnalyser extends FrameAnalyser {
  /** Frames not analysed because the store was closed, per camera. */
  skipped(cameraId: string): number;
}

export function analyseWithinWorkingHours(
  analyser: FrameAnalyser,
  withinHours: (nowMs: number) => boolean,
  clock: Clock,
  logger: Logger,
): GatedAnalyser {
  const skipped = new Map<string, number>();
  let open: boolean | null = null;
  const NOTHING: FrameOutcome = { faces: [] };
  return {
    async analyse(cameraId: string, frame: RgbFrame): Promise<FrameOutcome> {
      const now = withinHours(clock.now());
      if (now !== open) {
        open = now;
        logger.info(now ? 'within working hours: analysing frames' : 'outside working hours: frames are not analysed');
      }
      if (!now) {
        skipped.set(cameraId, (skipped.get(cameraId) ?? 0) + 1);
        return NOTHING;
      }
      return analyser.analyse(cameraId, frame);
    },
    skipped: (cameraId) => skipped.get(cameraId) ?? 0,
  };
}
