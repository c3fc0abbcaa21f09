import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CameraInput } from '../../contract/dto.js';
import { parseCameraSpec } from '../camera/camera-spec.js';
import { listAudit } from '../store/audit.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import {
  MAX_CAMERAS,
  getCameraRecord,
  hostCameraInfo,
  listCameraRecords,
  removeCamera,
  saveCamera,
  seedCameraFromSpec,
  toCameraConfig,
} from './camera-table.js';

let store: TestStore;
beforeEach(() => {
  store = openTestStore();
});
afterEach(() => store.close());

const input = (patch: Partial<CameraInput> = {}): CameraInput => ({
  name: 'Door',
  role: 'entrance',
  source: 'http://admin:s3cret@10.0.0.7/video.mjpeg',
  samplingFps: 5,
  hours: { open: '07:00', close: '21:00' },
  enabled: true,
  masks: [
    [
      { x: 0, y: 0 },
      { x: 0.5, y: 0 },
      { x: 0.5, y: 0.5 },
    ],
  ],
  usb: null,
  ...patch,
});

describe('the cameras table', () => {
  it('stores a camera with its credentials but shows it without them', () => {
    const saved = saveCamera(store.db, store.clock, input());
    expect(saved.kind).toBe('mjpeg-url');
    expect(getCameraRecord(store.db, saved.id)?.source).toBe('http://admin:s3cret@10.0.0.7/video.mjpeg');
    const shown = toCameraConfig(saved);
    expect(shown.source).toBe('http://10.0.0.7/video.mjpeg');
    expect(JSON.stringify(shown)).not.toContain('s3cret');
    expect(shown.masks).toHaveLength(1);
    expect(shown.hours).toEqual({ open: '07:00', close: '21:00' });
  });

  it('keeps the stored password when an edit sends back the shown address', () => {
    const saved = saveCamera(store.db, store.clock, input());
    saveCamera(
      store.db,
      store.clock,
      input({ id: saved.id, name: 'Front door', source: 'http://10.0.0.7/video.mjpeg' }),
    );
    const after = getCameraRecord(store.db, saved.id);
    expect(after?.name).toBe('Front door');
    expect(after?.source).toBe('http://admin:s3cret@10.0.0.7/video.mjpeg');
  });

  it('refuses a source it cannot use, an unknown camera, and a seventeenth camera, with sentences', () => {
    expect(() => saveCamera(store.db, store.clock, input({ source: 'ftp://cam' }))).toThrow(/Unknown camera/);
    expect(() => saveCamera(store.db, store.clock, input({ id: 'cam-nope' }))).toThrow(/no such camera/);
    for (let i = 0; i < MAX_CAMERAS; i++) saveCamera(store.db, store.clock, input({ name: `C${i}` }));
    expect(() => saveCamera(store.db, store.clock, input())).toThrow(/at most 16 cameras/);
  });

  it('gives a USB camera a default capture mode, and lets the hosts know a capture window is needed', () => {
    const usb = saveCamera(store.db, store.clock, input({ source: 'usb:Logitech', role: 'checkout' }));
    expect(usb.usb).toEqual({ width: 640, height: 480, fps: 15 });
    expect(hostCameraInfo(store.db, parseCameraSpec('http://cam/x'))).toEqual({
      id: usb.id,
      kind: 'usb',
      device: 'Logitech',
    });
  });

  it('seeds the entrance camera from --camera once, keeping the id visits already use', () => {
    const spec = parseCameraSpec('http://cam:8080/stream');
    expect(seedCameraFromSpec(store.db, store.clock, spec, 'http://cam:8080/stream')).toBe(true);
    expect(seedCameraFromSpec(store.db, store.clock, parseCameraSpec('usb'), 'usb')).toBe(false);
    const [only] = listCameraRecords(store.db);
    expect(only).toMatchObject({ id: 'http://cam:8080/stream', role: 'entrance', enabled: true });
    expect(removeCamera(store.db, only?.id ?? '')).toBe(true);
    expect(removeCamera(store.db, 'gone')).toBe(false);
    expect(listAudit(store.db)).toEqual([]); // the table itself audits nothing; the commands do
  });
});
