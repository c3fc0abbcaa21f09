/** Preload of the customer display: exposes the customer bridge as `window.kiosk`, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge } from '../contract/bridge.js';
import { createBridge } from './bridge-factory.js';

const api = createBridge('customer', ipcRenderer) satisfies KioskBridge<'customer'>;

export type CustomerKioskApi = typeof api;

contextBridge.exposeInMainWorld('kiosk', api);
