import { describe, expect, it } from 'vitest';
import type { CameraStatus } from '../../electron/contract/dto.js';
import { healthFigures, healthTone } from './camera-health.js';

const status: CameraStatus = {
  cameraId: 'cam-1',
  name: 'Door',
  role: 'entrance',
  kind: 'mjpeg-url',
  state: 'running',
  fpsIn: 10,
  fpsAnalysed: 4.96,
  framesIn: 100,
  framesAnalysed: 50,
  framesDropped: 50,
  framesRejected: 1,
  facesSeen: 3,
  reconnects: 2,
  lastError: null,
  p95LatencyMs: 180,
};

describe('camera health in the admin window', () => {
  it('is green only while running and red when stalled or failing', () => {
    expect(healthTone(status)).toBe('ok');
    expect(healthTone({ ...status, state: 'stalled' })).toBe('danger');
    expect(healthTone({ ...status, state: 'stopped' })).toBe('warn');
    expect(healthTone(undefined)).toBe('warn');
  });

  it('reads as one line of figures', () => {
    expect(healthFigures(status)).toBe(
      '10.0 fps in · 5.0 analysed · 50 dropped · 1 refused · 2 reconnects · p95 180 ms',
    );
    expect(healthFigures({ ...status, p95LatencyMs: null })).not.toContain('p95');
  });
});
