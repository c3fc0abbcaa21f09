/** Preload of the staff window: exposes the staff bridge as `window.kiosk`, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge } from '../contract/bridge.js';
import { createBridge } from './bridge-factory.js';

const api = createBridge('staff', ipcRenderer) satisfies KioskBridge<'staff'>;

export type StaffKioskApi = typeof api;

contextBridge.exposeInMainWorld('kiosk', api);
