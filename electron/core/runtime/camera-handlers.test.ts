import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../contract/dispatch.js';
import type { CameraConfig } from '../../contract/dto.js';
import { EventHub } from '../event-hub.js';
import { SignIns } from '../services/sign-ins.js';
import { listAudit } from '../store/audit.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { createCameraHandlers } from './camera-handlers.js';
import { CameraManager } from './camera-manager.js';

let store: TestStore;
let manager: CameraManager;
let signIns: SignIns;
let handlers: Handlers;

const admin = { role: 'admin' as const, connectionId: 'a1' };
const capture = { role: 'capture' as const, connectionId: 'c1' };
const camera = {
  name: 'Yard',
  role: 'other' as const,
  source: 'rtsp://admin:pw123@10.0.0.9/h264',
  samplingFps: 2,
  hours: null,
  enabled: false,
  masks: [],
  usb: null,
};

beforeEach(() => {
  store = openTestStore();
  signIns = new SignIns();
  manager = new CameraManager({
    db: store.db,
    clock: store.clock,
    events: new EventHub(store.logger),
    logger: store.logger,
  });
  // Only the camera commands are exercised; the rest of the map is never reached.
  handlers = createCameraHandlers({
    db: store.db,
    clock: store.clock,
    signIns,
    cameras: manager,
  }) as unknown as Handlers;
});
afterEach(async () => {
  await manager.close();
  store.close();
});

describe('camera commands', () => {
  it('lets only a signed-in manager change cameras, and audits the change without the address', async () => {
    const refused = await dispatch(handlers, admin, 'cameras.save', camera, store.logger);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    signIns.signIn(admin.connectionId, { userId: 1, username: 'maria', role: 'manager' });
    const saved = await dispatch(handlers, admin, 'cameras.save', camera, store.logger);
    expect(saved.ok).toBe(true);
    const config = (saved as { value: CameraConfig }).value;
    expect(config).toMatchObject({ kind: 'rtsp', source: 'rtsp://10.0.0.9/h264', enabled: false });
    const audit = listAudit(store.db, { action: 'cameras.add' });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('pw123');
    expect(JSON.stringify(audit)).not.toContain('10.0.0.9');
  });

  it('refuses camera changes from the capture window, which may only feed frames and ask what to open', async () => {
    expect(await dispatch(handlers, capture, 'cameras.save', camera, store.logger)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await dispatch(handlers, capture, 'capture.plan', {}, store.logger)).toEqual({ ok: true, value: [] });
  });

  it('explains an unusable source as invalid input', async () => {
    signIns.signIn(admin.connectionId, { userId: 1, username: 'maria', role: 'manager' });
    const result = await dispatch(handlers, admin, 'cameras.save', { ...camera, source: 'clip.mp4' }, store.logger);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(result.ok ? '' : result.error.message).toMatch(/\.mjpeg or \.y4m/);
  });
});
