/**
 * The manager's controls as one part of the core: hooks, backups, the hourly scheduler (retention purge and the
 * daily backup), the working-hours gate for the cameras, and the command handlers. `createCore` builds it once
 * and tells it how to reach the in-memory state it must keep in step (the gallery, the display, the windows).
 */
import path from 'node:path';
import type { Handlers } from '../../contract/dispatch.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import type { Gallery } from '../matching/gallery.js';
import type { RecognitionPipeline } from '../recognition/recognition-pipeline.js';
import { listAlerts } from '../services/alerts.js';
import type { SignIns } from '../services/sign-ins.js';
import type { WritableDb } from '../store/database.js';
import { listOpenOrders } from '../store/orders.js';
import { loadTemplates } from '../store/templates.js';
import { createAdminHandlers, type AdminCommand } from './admin-handlers.js';
import { AdminScheduler } from './admin-scheduler.js';
import { BACKUP_DIR, BackupService } from './backups.js';
import { createCoreHooks, type CoreHooks } from './core-hooks.js';
import { readPrivacySettings } from './privacy-settings.js';
import { purgeExpired } from './retention.js';
import { machineTimeZone, WorkingHoursGate } from './working-hours.js';

export interface AdminRuntimeDeps {
  readonly dataDir: string;
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventHub;
  readonly signIns: SignIns;
  readonly storeName: () => string;
  /** The loaded face models' gallery and pipeline; null until they have loaded. */
  readonly vision: () => { gallery: Gallery; pipeline: RecognitionPipeline; modelId: string } | null;
  /** The customer display must stop showing this person (erased or consent withdrawn). */
  readonly forgetOnDisplay: (customerId: string) => void;
  /** The database content was replaced: the customer display goes back to idle. */
  readonly resetDisplay: () => void;
  /** Timer intervals (tests and short-lived runs change them). */
  readonly scheduler?: { readonly intervalMs?: number; readonly firstTickMs?: number };
}

export interface AdminRuntime {
  readonly hooks: CoreHooks;
  readonly backups: BackupService;
  readonly scheduler: AdminScheduler;
  readonly handlers: Pick<Handlers, AdminCommand>;
  /** False outside the store's working hours: the camera analyses nothing then. */
  readonly withinWorkingHours: (nowMs: number) => boolean;
  start(): void;
  close(): Promise<void>;
}

export function createAdminRuntime(deps: AdminRuntimeDeps): AdminRuntime {
  const { db, clock, logger, events } = deps;
  const timeZone = machineTimeZone();
  const hooks = createCoreHooks(logger.child('hooks'));
  const backups = new BackupService({
    db,
    dir: path.join(deps.dataDir, BACKUP_DIR),
    clock,
    logger: logger.child('backups'),
    hooks,
  });
  const gate = new WorkingHoursGate(readPrivacySettings(db, timeZone).workingHours);
  const refreshGate = (): void => gate.update(readPrivacySettings(db, timeZone).workingHours);

  // In-memory copies follow an erasure or withdrawal (the database already committed it).
  hooks.erased.add(({ customerId }) => {
    const vision = deps.vision();
    vision?.gallery.removePerson(customerId);
    vision?.pipeline.forget(customerId);
    deps.forgetOnDisplay(customerId);
    events.emit('customers.changed', {});
    events.emit('alerts.changed', listAlerts(db, clock));
  });

  // After a restore the gallery must be exactly the restored templates, and every window must reload.
  hooks.restored.add(({ enrolledBefore }) => {
    const vision = deps.vision();
    if (vision) {
      for (const customerId of enrolledBefore) {
        vision.gallery.removePerson(customerId);
        vision.pipeline.forget(customerId);
      }
      const byPerson = new Map<string, Float32Array[]>();
      for (const template of loadTemplates(db, vision.modelId)) {
        const list = byPerson.get(template.customerId) ?? [];
        list.push(template.embedding);
        byPerson.set(template.customerId, list);
      }
      for (const [customerId, templates] of byPerson) vision.gallery.replacePerson(customerId, templates);
      vision.pipeline.galleryChanged();
    }
    refreshGate();
    deps.resetDisplay();
    events.emit('customers.changed', {});
    events.emit('orders.changed', listOpenOrders(db));
    events.emit('alerts.changed', listAlerts(db, clock));
  });

  const scheduler = new AdminScheduler({
    clock,
    logger: logger.child('scheduler'),
    retention: () => readPrivacySettings(db, timeZone).retention,
    purge: (retention) => purgeExpired(db, clock, retention),
    latestBackup: () => backups.latest(),
    backup: () => backups.create('scheduled', 'scheduler'),
    ...deps.scheduler,
  });

  const handlers = createAdminHandlers({
    db,
    clock,
    signIns: deps.signIns,
    hooks,
    backups,
    storeName: deps.storeName,
    timeZone,
    onPrivacyChanged: refreshGate,
  });

  return {
    hooks,
    backups,
    scheduler,
    handlers,
    withinWorkingHours: (nowMs) => gate.allows(nowMs),
    start: () => scheduler.start(),
    close: () => scheduler.stop(),
  };
}
