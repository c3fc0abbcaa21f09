/** Preload of the admin window: exposes the admin bridge as `window.kiosk`, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge } from '../contract/bridge.js';
import { createBridge } from './bridge-factory.js';

const api = createBridge('admin', ipcRenderer) satisfies KioskBridge<'admin'>;

export type AdminKioskApi = typeof api;

contextBridge.exposeInMainWorld('kiosk', api);
