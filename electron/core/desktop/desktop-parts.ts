/**
 * Builds the desktop product's parts for createCore: kiosk settings and lock, LAN tablet pairing, cloud matching
 * (credentials in the core's secret store) and the command handlers over them. One call from
 * create-core.ts keeps the composition root's edit small.
 */
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import { CloudService } from '../matching/rekognition/cloud-service.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SignIns } from '../services/sign-ins.js';
import type { WritableDb } from '../store/database.js';
import { createDesktopHandlers } from './desktop-handlers.js';
import { KioskService } from './kiosk-service.js';
import { LanPairings } from './lan-pairings.js';

export const LOG_DIR = 'logs';

export interface DesktopPartsDeps {
  readonly dataDir: string;
  readonly db: WritableDb;
  readonly clock: Clock;
  readonly events: EventHub;
  readonly signIns: SignIns;
  readonly logger: Logger;
  /** The core's one secret store (see electron/core/secrets/secret-store.ts). */
  readonly secrets: SecretStore;
}

export function createDesktopParts(deps: DesktopPartsDeps) {
  const secrets = deps.secrets;
  const kiosk = new KioskService(deps.db, deps.events, deps.logger.child('kiosk'));
  const lan = new LanPairings(deps.db, deps.clock, deps.events);
  const cloud = new CloudService({
    db: deps.db,
    clock: deps.clock,
    events: deps.events,
    secrets,
    logger: deps.logger.child('cloud'),
  });
  const handlers = createDesktopHandlers({
    db: deps.db,
    clock: deps.clock,
    signIns: deps.signIns,
    kiosk,
    lan,
    cloud,
    logDir: path.join(deps.dataDir, LOG_DIR),
  });
  return {
    kiosk,
    lan,
    cloud,
    handlers,
    /** Erasure reaches the cloud collection; a failure is logged for a retry, never blocks the local erasure. */
    onErased: (customerId: string): void => {
      cloud.erase(customerId).catch((error: unknown) => {
        deps.logger.error('could not erase the person from the cloud collection', {
          customerId,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    },
    close: () => cloud.close(),
  };
}
