/**
 * Handlers of the desktop product's commands (kiosk settings and lock, support logs, LAN tablets, cloud matching).
 * Kept apart from handlers.ts so the feature lives in its own files; handlers.ts spreads these in. Every command
 * here needs the manager signed in on that window, except `kiosk.state` (read by the shell and the admin window
 * before sign-in: it holds no secret) and `kiosk.reportDisplays` (only the shell's own connection).
 */
import type { Handlers } from '../../contract/dispatch.js';
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { CloudConfigError, type CloudService } from '../matching/rekognition/cloud-service.js';
import type { SignIns } from '../services/sign-ins.js';
import { appendAudit } from '../store/audit.js';
import type { WritableDb } from '../store/database.js';
import { signIn } from '../store/users.js';
import type { KioskService } from './kiosk-service.js';
import type { LanPairings } from './lan-pairings.js';
import { exportLogs } from './log-files.js';

export type DesktopCommand =
  | 'kiosk.state'
  | 'kiosk.updateSettings'
  | 'kiosk.unlock'
  | 'kiosk.lock'
  | 'kiosk.reportDisplays'
  | 'support.exportLogs'
  | 'lan.status'
  | 'lan.setEnabled'
  | 'lan.newCode'
  | 'lan.revoke'
  | 'cloud.status'
  | 'cloud.updateSettings';

export interface DesktopHandlerDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly signIns: SignIns;
  readonly kiosk: KioskService;
  readonly lan: LanPairings;
  readonly cloud: CloudService;
  /** Folder of the rotating log files. */
  readonly logDir: string;
}

export function createDesktopHandlers(deps: DesktopHandlerDeps): Pick<Handlers, DesktopCommand> {
  const { db, clock, signIns, kiosk, lan, cloud } = deps;
  return {
    'kiosk.state': () => kiosk.state(),
    'kiosk.updateSettings': (input, caller) => {
      const manager = signIns.requireManager(caller);
      const state = kiosk.update(input);
      appendAudit(db, clock, { actor: manager.username, action: 'kiosk.updateSettings' });
      return state;
    },
    'kiosk.unlock': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      // Being signed in is not enough: leaving the kiosk lock asks for the password again, at the admin window.
      await signIn(db, clock, manager.username, input.password);
      appendAudit(db, clock, { actor: manager.username, action: 'kiosk.unlock' });
      return kiosk.setLocked(false);
    },
    'kiosk.lock': (_input, caller) => {
      signIns.requireManager(caller);
      return kiosk.setLocked(true);
    },
    'kiosk.reportDisplays': (input, caller) => {
      kiosk.reportDisplays(caller.connectionId, input.displays);
      return {};
    },
    'support.exportLogs': (_input, caller) => {
      const manager = signIns.requireManager(caller);
      appendAudit(db, clock, { actor: manager.username, action: 'support.exportLogs' });
      return exportLogs(deps.logDir, new Date(clock.now()));
    },
    'lan.status': (_input, caller) => {
      signIns.requireManager(caller);
      return lan.status();
    },
    'lan.setEnabled': (input, caller) => {
      const manager = signIns.requireManager(caller);
      appendAudit(db, clock, { actor: manager.username, action: input.enabled ? 'lan.enable' : 'lan.disable' });
      return lan.setEnabled(input.enabled);
    },
    'lan.newCode': (input, caller) => {
      signIns.requireManager(caller);
      return lan.newCode(input.label);
    },
    'lan.revoke': (input, caller) => {
      const manager = signIns.requireManager(caller);
      appendAudit(db, clock, {
        actor: manager.username,
        action: 'lan.revoke',
        details: { pairingId: input.pairingId },
      });
      return lan.revoke(input.pairingId);
    },
    'cloud.status': (_input, caller) => {
      signIns.requireManager(caller);
      return cloud.status();
    },
    'cloud.updateSettings': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      try {
        const status = await cloud.update(input);
        appendAudit(db, clock, {
          actor: manager.username,
          action: 'cloud.updateSettings',
          details: { mode: input.mode },
        });
        return status;
      } catch (error) {
        if (error instanceof CloudConfigError) throw new CommandError('invalid_payload', error.message);
        throw error;
      }
    },
  };
}
