/** Every event the core pushes to windows, with its payload schema. Audiences live in `access.ts`. */
import { z } from 'zod';
import type { EventName } from './access.js';
import * as dto from './dto.js';

export const EVENTS = {
  'display.changed': dto.DisplayState,
  'alerts.changed': z.array(dto.PickupAlert),
  'orders.changed': z.array(dto.Order),
  'camera.status': dto.CameraStatus,
  'camera.preview': dto.CameraPreview,
  'customers.changed': z.object({}),
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<K extends EventName> = z.infer<(typeof EVENTS)[K]>;
