/** Every event the core pushes to windows, with its payload schema. Audiences live in `access.ts`. */
import { z } from 'zod';
import type { EventName } from './access.js';
import * as desktop from './desktop.js';
import * as dto from './dto.js';
import * as sync from './sync-dto.js';

export const EVENTS = {
  'display.changed': dto.DisplayState,
  'alerts.changed': z.array(dto.PickupAlert),
  'orders.changed': z.array(dto.Order),
  'camera.status': dto.CameraStatus,
  'camera.preview': dto.CameraPreview,
  'customers.changed': z.object({}),
  'board.config': dto.BoardConfig,
  'cameras.changed': z.array(dto.CameraConfig),
  'kiosk.changed': desktop.KioskState,
  'lan.changed': desktop.LanStatus,
  'cloud.changed': desktop.CloudStatus,
  'sync.status': sync.SyncStatus,
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<K extends EventName> = z.infer<(typeof EVENTS)[K]>;
