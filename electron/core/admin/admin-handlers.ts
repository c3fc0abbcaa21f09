/**
 * Handlers of the manager's controls: accounts, clerk sign-in on staff windows, the audit log, privacy settings
 * and notice, the retention purge, backups and restore, audience reports and CSV export. Each checks the
 * manager's sign-in (clerk sign-in excepted) and leaves an audit entry for anything that changes data or lets
 * data leave the kiosk (exports).
 */
import type { Handlers } from '../../contract/dispatch.js';
import type { UserAccount } from '../../contract/admin-dto.js';
import { CommandError } from '../../contract/result.js';
import type { Clock } from '../clock.js';
import { isoAt } from '../clock.js';
import type { SignIns } from '../services/sign-ins.js';
import { appendAudit, listAudit } from '../store/audit.js';
import { withdrawConsent } from '../store/consents.js';
import { customerSummary } from '../store/customers.js';
import type { WritableDb } from '../store/database.js';
import { createUser, listUsers, resetUserPassword, setUserDisabled, signIn } from '../store/users.js';
import type { BackupService } from './backups.js';
import type { CoreHooks } from './core-hooks.js';
import { buildPrivacyNotice } from './privacy-notice.js';
import { readPrivacySettings, writePrivacySettings } from './privacy-settings.js';
import { reportCsv } from './report-csv.js';
import { buildAudienceReport } from './reports.js';
import { purgeExpired } from './retention.js';

export type AdminCommand =
  | 'auth.clerkLogin'
  | 'auth.clerkLogout'
  | 'customers.withdrawConsent'
  | 'reports.audience'
  | 'reports.exportCsv'
  | 'users.list'
  | 'users.create'
  | 'users.setDisabled'
  | 'users.resetPassword'
  | 'audit.list'
  | 'privacy.settings'
  | 'privacy.updateSettings'
  | 'privacy.notice'
  | 'privacy.purgeNow'
  | 'backups.list'
  | 'backups.create'
  | 'backups.restore';

export interface AdminHandlerDeps {
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly signIns: SignIns;
  readonly hooks: CoreHooks;
  readonly backups: BackupService;
  readonly storeName: () => string;
  /** The zone the machine runs in, used until the manager saves working hours with a zone of their own. */
  readonly timeZone: string;
  /** The privacy settings changed (the camera's working-hours gate follows them). */
  readonly onPrivacyChanged: () => void;
}

export function createAdminHandlers(deps: AdminHandlerDeps): Pick<Handlers, AdminCommand> {
  const { db, clock, signIns, hooks, backups } = deps;
  const settings = () => readPrivacySettings(db, deps.timeZone);
  const account = (userId: number): UserAccount => {
    const found = listUsers(db, clock).find((u) => u.id === userId);
    if (!found) throw new CommandError('not_found', 'There is no such account; reload the list.');
    return found;
  };

  return {
    'auth.clerkLogin': async (input, caller) => {
      const user = await signIn(db, clock, input.username, input.password);
      signIns.signIn(caller.connectionId, { userId: user.id, username: user.username, role: user.role });
      return { username: user.username, role: user.role };
    },
    'auth.clerkLogout': (_input, caller) => {
      signIns.signOut(caller.connectionId);
      return {};
    },

    'customers.withdrawConsent': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      if (!customerSummary(db, input.customerId)) throw new CommandError('not_found', 'There is no such customer.');
      const outcome = withdrawConsent(db, clock, input.customerId, manager.username);
      await hooks.erased.notify({
        customerId: input.customerId,
        reason: 'withdrawal',
        actor: manager.username,
        outcome: null,
      });
      return { withdrawn: outcome.withdrawn };
    },

    'reports.audience': (input, caller) => {
      signIns.requireManager(caller);
      return buildAudienceReport(db, input, settings().workingHours.timeZone);
    },
    'reports.exportCsv': (input, caller) => {
      const manager = signIns.requireManager(caller);
      const exported = reportCsv(db, input, settings().workingHours.timeZone);
      appendAudit(db, clock, {
        actor: manager.username,
        action: 'report.exported',
        details: { from: input.from, to: input.to, cameraId: input.cameraId ?? null, rows: exported.rows },
      });
      return exported;
    },

    'users.list': (_input, caller) => {
      signIns.requireManager(caller);
      return listUsers(db, clock);
    },
    'users.create': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      const user = await createUser(db, clock, input, manager.username);
      return account(user.id);
    },
    'users.setDisabled': (input, caller) => {
      const manager = signIns.requireManager(caller);
      setUserDisabled(db, clock, input.userId, input.disabled, manager.username);
      // A disabled account's open windows lose their sign-in at once.
      if (input.disabled) signIns.signOutUser(input.userId);
      return account(input.userId);
    },
    'users.resetPassword': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      await resetUserPassword(db, clock, input.userId, input.password, manager.username);
      return account(input.userId);
    },

    'audit.list': (input, caller) => {
      signIns.requireManager(caller);
      return listAudit(db, {
        limit: input.limit ?? 200,
        ...(input.action === undefined || input.action === '' ? {} : { action: input.action }),
        ...(input.actor === undefined || input.actor === '' ? {} : { actor: input.actor }),
      });
    },

    'privacy.settings': (_input, caller) => {
      signIns.requireManager(caller);
      return settings();
    },
    'privacy.updateSettings': (input, caller) => {
      const manager = signIns.requireManager(caller);
      const saved = writePrivacySettings(db, clock, input, manager.username);
      deps.onPrivacyChanged();
      return saved;
    },
    'privacy.notice': (_input, caller) => {
      signIns.requireManager(caller);
      return buildPrivacyNotice(settings(), deps.storeName(), isoAt(clock.now()));
    },
    'privacy.purgeNow': (_input, caller) => {
      const manager = signIns.requireManager(caller);
      return purgeExpired(db, clock, settings().retention, manager.username);
    },

    'backups.list': (_input, caller) => {
      signIns.requireManager(caller);
      return backups.list();
    },
    'backups.create': (_input, caller) => {
      const manager = signIns.requireManager(caller);
      return backups.create('manual', manager.username);
    },
    'backups.restore': async (input, caller) => {
      const manager = signIns.requireManager(caller);
      const result = await backups.restore(input.name, manager.username);
      deps.onPrivacyChanged();
      return { restored: result.restored, safety: result.safety };
    },
  };
}
