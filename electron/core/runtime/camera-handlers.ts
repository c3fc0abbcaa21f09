/**
 * The camera commands: health for the admin and staff windows, the camera list that a signed-in manager edits,
 * the preview choice, and the capture window's frames, errors and device list. Spread into the handler map.
 */
import type { Handlers } from '../../contract/dispatch.js';
import type { Clock } from '../clock.js';
import type { SignIns } from '../services/sign-ins.js';
import { appendAudit } from '../store/audit.js';
import type { WritableDb } from '../store/database.js';
import type { CameraManager } from './camera-manager.js';

export type CameraCommand =
  | 'camera.status'
  | 'camera.pushFrame'
  | 'camera.reportError'
  | 'cameras.list'
  | 'cameras.save'
  | 'cameras.remove'
  | 'cameras.watch'
  | 'cameras.devices'
  | 'capture.plan'
  | 'capture.reportDevices';

export interface CameraHandlerDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly signIns: SignIns;
  readonly cameras: CameraManager;
}

export function createCameraHandlers(deps: CameraHandlerDeps): Pick<Handlers, CameraCommand> {
  const { db, clock, signIns, cameras } = deps;
  return {
    'camera.status': () => cameras.health(),
    'camera.pushFrame': (input) => ({ accepted: cameras.push(input.jpeg) }),
    'camera.reportError': (input) => {
      cameras.reportError(input.message, input.cameraId);
      return {};
    },
    'cameras.list': (_input, caller) => {
      signIns.requireManager(caller);
      return cameras.list();
    },
    'cameras.save': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      const saved = await cameras.save(input);
      // The audit keeps what changed, never the source (it may hold a password).
      appendAudit(db, clock, {
        actor: manager.username,
        action: input.id === undefined ? 'cameras.add' : 'cameras.edit',
        details: {
          cameraId: saved.id,
          name: saved.name,
          role: saved.role,
          enabled: saved.enabled,
          masks: saved.masks.length,
        },
      });
      return saved;
    },
    'cameras.remove': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      const removed = await cameras.remove(input.cameraId);
      if (removed)
        appendAudit(db, clock, {
          actor: manager.username,
          action: 'cameras.remove',
          details: { cameraId: input.cameraId },
        });
      return { removed };
    },
    'cameras.watch': (input, caller) => {
      signIns.requireManager(caller);
      cameras.watch(input.cameraId);
      return {};
    },
    'cameras.devices': (_input, caller) => {
      signIns.requireManager(caller);
      return cameras.knownDevices();
    },
    'capture.plan': () => cameras.capturePlan(),
    'capture.reportDevices': (input) => {
      cameras.setDevices(input.devices);
      return {};
    },
  };
}
