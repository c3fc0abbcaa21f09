/**
 * State of the admin window's Cameras tab: the configured cameras, their health, the device list the capture
 * window reported, which camera is previewed, and the latest preview of it. Created by the tab and disposed with it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  CameraConfig,
  CameraInput,
  CameraPreview,
  CameraStatus,
  VideoDevice,
} from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { onReconnected } from '../shared/api/reconnect.js';

export interface CamerasState {
  readonly cameras: readonly CameraConfig[];
  readonly health: Readonly<Record<string, CameraStatus>>;
  readonly devices: readonly VideoDevice[];
  readonly selectedId: string | null;
  readonly preview: CameraPreview | null;
  /** The camera being edited (a copy), or a new one; null when the form is closed. */
  readonly editing: CameraInput | null;
  readonly error: string | null;
  readonly notice: string | null;
  readonly busy: boolean;
  load(): Promise<void>;
  select(cameraId: string | null): Promise<void>;
  edit(input: CameraInput | null): void;
  save(): Promise<void>;
  remove(cameraId: string): Promise<void>;
  refreshDevices(): Promise<void>;
}

export const NEW_CAMERA: CameraInput = {
  name: '',
  role: 'entrance',
  source: 'usb',
  samplingFps: 5,
  hours: null,
  enabled: true,
  masks: [],
  usb: { width: 640, height: 480, fps: 15 },
};

/** The form's starting point for an existing camera: the shown (redacted) source stands for the stored one. */
export function inputOf(camera: CameraConfig): CameraInput {
  return {
    id: camera.id,
    name: camera.name,
    role: camera.role,
    source: camera.source,
    samplingFps: camera.samplingFps,
    hours: camera.hours,
    enabled: camera.enabled,
    masks: camera.masks,
    usb: camera.usb,
  };
}

export function createCamerasStore(client: KioskClient<'admin'>): { store: StoreApi<CamerasState>; dispose(): void } {
  const store = createStore<CamerasState>()((set, get) => ({
    cameras: [],
    health: {},
    devices: [],
    selectedId: null,
    preview: null,
    editing: null,
    error: null,
    notice: null,
    busy: false,

    async load() {
      const [list, health, devices] = await Promise.all([
        client.call('cameras.list', {}),
        client.call('camera.status', {}),
        client.call('cameras.devices', {}),
      ]);
      if (!list.ok) {
        set({ error: list.error.message });
        return;
      }
      set({ cameras: list.value, error: null });
      if (health.ok) set({ health: Object.fromEntries(health.value.map((s) => [s.cameraId, s])) });
      if (devices.ok) set({ devices: devices.value });
      const selected = get().selectedId;
      if (selected === null || !list.value.some((c) => c.id === selected)) {
        await get().select(list.value[0]?.id ?? null);
      }
    },
    async select(cameraId) {
      set({ selectedId: cameraId, preview: null });
      const result = await client.call('cameras.watch', { cameraId });
      if (!result.ok) set({ error: result.error.message });
    },
    edit(input) {
      set({ editing: input, error: null, notice: null });
    },
    async save() {
      const editing = get().editing;
      if (editing === null) return;
      set({ busy: true, error: null, notice: null });
      const result = await client.call('cameras.save', editing);
      set({ busy: false });
      if (!result.ok) {
        set({ error: result.error.message });
        return;
      }
      set({ editing: null, notice: `Saved "${result.value.name}".` });
      await get().load();
      await get().select(result.value.id);
    },
    async remove(cameraId) {
      set({ busy: true, error: null, notice: null });
      const result = await client.call('cameras.remove', { cameraId });
      set({ busy: false });
      if (!result.ok) {
        set({ error: result.error.message });
        return;
      }
      set({ editing: null, notice: 'The camera was removed.' });
      await get().load();
    },
    async refreshDevices() {
      const devices = await client.call('cameras.devices', {});
      if (devices.ok) set({ devices: devices.value });
    },
  }));

  const stops = [
    client.on('cameras.changed', (cameras) => store.setState({ cameras })),
    client.on('camera.status', (status) =>
      store.setState((state) => ({ health: { ...state.health, [status.cameraId]: status } })),
    ),
    client.on('camera.preview', (preview) => {
      if (preview.cameraId === store.getState().selectedId) store.setState({ preview });
    }),
    onReconnected(client.connection, () => void store.getState().load()),
  ];
  void store.getState().load();
  return {
    store,
    dispose() {
      for (const stop of stops) stop();
    },
  };
}
