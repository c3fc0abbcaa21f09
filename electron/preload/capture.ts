/** Preload of the hidden camera-capture window: exposes the capture bridge as `window.kiosk`, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge } from '../contract/bridge.js';
import { createBridge } from './bridge-factory.js';

const api = createBridge('capture', ipcRenderer) satisfies KioskBridge<'capture'>;

export type CaptureKioskApi = typeof api;

contextBridge.exposeInMainWorld('kiosk', api);
