/**
 * The kiosk's settings and lock as the core keeps them: settings in the database (the manager's choices survive a
 * restart), the screens the desktop shell reported and the customer display's lock in memory. Every change is
 * published as `kiosk.changed`; the desktop shell applies it (placement, start at login, updates, the lock).
 */
import { CommandError } from '../../contract/result.js';
import {
  DEFAULT_KIOSK_SETTINGS,
  KioskSettings,
  type DisplayInfo,
  type KioskSettingsPatch,
  type KioskState,
} from '../../contract/desktop.js';
import type { EventHub } from '../event-hub.js';
import type { Logger } from '../logger.js';
import type { WritableDb } from '../store/database.js';
import { getSetting, setSetting } from '../store/settings.js';

export const KIOSK_SETTINGS_KEY = 'kiosk.settings';

/** The connection id the desktop shell uses for its own calls; windows get `window-N`, sockets `ws-N`. */
export const SHELL_CONNECTION_ID = 'shell';

export class KioskService {
  private displays: DisplayInfo[] = [];
  // The customer display starts locked; only a manager's password unlocks it, and a restart locks it again.
  private locked = true;

  constructor(
    private readonly db: WritableDb,
    private readonly events: EventHub,
    private readonly logger: Logger,
  ) {}

  settings(): KioskSettings {
    const stored = KioskSettings.safeParse(getSetting(this.db, KIOSK_SETTINGS_KEY));
    if (stored.success) return stored.data;
    if (getSetting(this.db, KIOSK_SETTINGS_KEY) !== undefined) {
      this.logger.warn('stored kiosk settings are not valid; using the defaults');
    }
    return DEFAULT_KIOSK_SETTINGS;
  }

  state(): KioskState {
    return { settings: this.settings(), displays: this.displays, locked: this.locked };
  }

  update(patch: KioskSettingsPatch): KioskState {
    const current = this.settings();
    const next = KioskSettings.parse({
      customerDisplayId: patch.customerDisplayId === undefined ? current.customerDisplayId : patch.customerDisplayId,
      startAtLogin: patch.startAtLogin ?? current.startAtLogin,
      openingHours: patch.openingHours ?? current.openingHours,
      updates: patch.updates ?? current.updates,
    });
    if (next.updates.enabled && next.updates.url === '') {
      throw new CommandError('invalid_payload', 'Enter the update URL your chain gave you before turning updates on.');
    }
    if (
      next.customerDisplayId !== null &&
      this.displays.length > 0 &&
      !this.displays.some((display) => display.id === next.customerDisplayId)
    ) {
      throw new CommandError('not_found', 'That screen is not connected any more; choose one from the list.');
    }
    setSetting(this.db, KIOSK_SETTINGS_KEY, next);
    return this.publish();
  }

  setLocked(locked: boolean): KioskState {
    this.locked = locked;
    return this.publish();
  }

  reportDisplays(connectionId: string, displays: readonly DisplayInfo[]): void {
    // Invariant: the list of screens comes only from the desktop shell, never from a page.
    if (connectionId !== SHELL_CONNECTION_ID) {
      throw new CommandError('forbidden', 'Only the desktop shell reports the connected screens.');
    }
    this.displays = [...displays];
    this.publish();
  }

  private publish(): KioskState {
    const state = this.state();
    this.events.emit('kiosk.changed', state);
    return state;
  }
}
