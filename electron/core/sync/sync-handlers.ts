/**
 * The sync's commands: its health for the staff and admin windows, its settings for a signed-in manager.
 * Spread into the core's handler map by handlers.ts.
 */
import type { Handlers } from '../../contract/dispatch.js';
import type { SignIns } from '../services/sign-ins.js';
import { appendAudit } from '../store/audit.js';
import type { WritableDb } from '../store/database.js';
import type { Clock } from '../clock.js';
import type { SyncService } from './sync-service.js';
import { safeBrokerLabel } from './sync-settings.js';

export type SyncCommand = 'sync.status' | 'sync.settings.get' | 'sync.settings.set';

export function createSyncHandlers(deps: {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly signIns: SignIns;
  readonly sync: SyncService;
}): Pick<Handlers, SyncCommand> {
  const { db, clock, signIns, sync } = deps;
  return {
    'sync.status': () => sync.status(),
    'sync.settings.get': (_input, caller) => {
      signIns.requireManager(caller);
      return sync.settings();
    },
    'sync.settings.set': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      const view = await sync.updateSettings(input);
      // Who pointed the store at which broker; never the secrets.
      appendAudit(db, clock, {
        actor: manager.username,
        action: 'sync.settings',
        details: {
          storeId: input.storeId,
          broker: input.brokerUrl === '' ? null : safeBrokerLabel(input.brokerUrl),
          passwordChanged: input.password !== undefined,
          clientKeyChanged: input.clientKeyPem !== undefined,
        },
      });
      return view;
    },
  };
}
