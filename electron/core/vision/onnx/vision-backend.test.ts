import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger.js';
import { setSetting } from '../../store/settings.js';
import { openTestStore, tempDir, type TestStore } from '../../store/testing.js';
import { createHumanEngine } from '../human-engine.js';
import type { FaceEngine } from '../types.js';
import { createOnnxEngine } from './onnx-engine.js';
import { readVisionBackend, startVisionEngine, VISION_BACKEND_KEY, type VisionBackend } from './vision-backend.js';

describe('vision.backend setting', () => {
  let store: TestStore | null = null;
  afterEach(() => {
    store?.close();
    store = null;
  });

  it('is onnx unless the store says human', () => {
    store = openTestStore();
    expect(readVisionBackend(store.db, store.logger)).toBe('onnx');
    setSetting(store.db, VISION_BACKEND_KEY, 'human');
    expect(readVisionBackend(store.db, store.logger)).toBe('human');
  });

  it('uses onnx and logs a warning when the stored value is not a backend', () => {
    store = openTestStore();
    setSetting(store.db, VISION_BACKEND_KEY, 'tensorrt');
    expect(readVisionBackend(store.db, store.logger)).toBe('onnx');
    expect(store.logger.lines.some((l) => l.level === 'warn' && l.message.includes(VISION_BACKEND_KEY))).toBe(true);
  });

  it('falls back to human, says so and logs why, when the ONNX models are missing', async () => {
    const logger = memoryLogger();
    const emptyDir = tempDir();
    const start = (backend: VisionBackend): Promise<FaceEngine> =>
      backend === 'onnx' ? createOnnxEngine({ logger, modelsDir: emptyDir }) : createHumanEngine({ logger });
    const started = await startVisionEngine('onnx', start, logger);
    try {
      expect(started.engine.backend).toBe('human');
      expect(started.description).toMatch(/^human \(fallback: .*npm run models/);
      expect(logger.lines.some((l) => l.level === 'warn' && l.message.includes('falling back to human'))).toBe(true);
    } finally {
      await started.engine.close();
    }
  });
});
