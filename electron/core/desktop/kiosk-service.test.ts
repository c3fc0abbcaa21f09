import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS, type DisplayInfo } from '../../contract/desktop.js';
import { EventHub } from '../event-hub.js';
import { openTestStore, type TestStore } from '../store/testing.js';
import { KioskService, SHELL_CONNECTION_ID } from './kiosk-service.js';

const screen = (id: number, primary = false): DisplayInfo => ({
  id,
  label: `Screen ${id}`,
  primary,
  bounds: { x: id * 1920, y: 0, width: 1920, height: 1080 },
});

let store: TestStore;
let kiosk: KioskService;
let published: unknown[];

beforeEach(() => {
  store = openTestStore();
  const hub = new EventHub(store.logger);
  published = [];
  hub.on((event, payload) => event === 'kiosk.changed' && published.push(payload));
  kiosk = new KioskService(store.db, hub, store.logger);
});
afterEach(() => store.close());

describe('kiosk settings and lock', () => {
  it('starts locked with the defaults: no chosen screen, no start at login, updates off', () => {
    expect(kiosk.state()).toEqual({ settings: DEFAULT_KIOSK_SETTINGS, displays: [], locked: true });
  });

  it('remembers the chosen customer screen across a restart and publishes the change', () => {
    kiosk.reportDisplays(SHELL_CONNECTION_ID, [screen(1, true), screen(2)]);
    kiosk.update({ customerDisplayId: 2, startAtLogin: true });
    const again = new KioskService(store.db, new EventHub(store.logger), store.logger);
    expect(again.settings()).toMatchObject({ customerDisplayId: 2, startAtLogin: true });
    expect(published.at(-1)).toMatchObject({ settings: { customerDisplayId: 2 } });
  });

  it('refuses a screen that is not connected, with a sentence', () => {
    kiosk.reportDisplays(SHELL_CONNECTION_ID, [screen(1, true)]);
    expect(() => kiosk.update({ customerDisplayId: 7 })).toThrow(/not connected/);
  });

  it('refuses to turn updates on without the chain update URL', () => {
    expect(() => kiosk.update({ updates: { enabled: true, url: '' } })).toThrow(/update URL/);
    expect(
      kiosk.update({ updates: { enabled: true, url: 'https://updates.example.com/kiosk' } }).settings.updates.enabled,
    ).toBe(true);
  });

  it('takes the screen list only from the shell connection', () => {
    expect(() => kiosk.reportDisplays('window-4', [screen(1)])).toThrow(/Only the desktop shell/);
    expect(() => kiosk.reportDisplays('ws-1', [screen(1)])).toThrow(/Only the desktop shell/);
    expect(kiosk.state().displays).toEqual([]);
  });

  it('unlocks and locks again, publishing each change', () => {
    expect(kiosk.setLocked(false).locked).toBe(false);
    expect(kiosk.setLocked(true).locked).toBe(true);
    expect(published).toHaveLength(2);
  });

  it('falls back to the defaults when the stored settings are damaged, and logs it', () => {
    store.db.prepare(`INSERT INTO settings (key, value) VALUES ('kiosk.settings', '{"startAtLogin":"yes"}')`).run();
    expect(kiosk.settings()).toEqual(DEFAULT_KIOSK_SETTINGS);
    expect(store.logger.lines.some((line) => line.message.includes('not valid'))).toBe(true);
  });
});
