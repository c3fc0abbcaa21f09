/**
 * Adds or edits a camera: name, role, source (USB device from the capture window's list with resolution and frame
 * rate, a URL or a clip), analysis rate, working hours, the enabled switch and privacy masks drawn on the preview.
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { CameraRole, type CameraInput } from '../../electron/contract/dto.js';
import { USB_MODES } from './camera-health.js';
import type { CamerasState } from './cameras-store.js';

interface Props {
  readonly store: StoreApi<CamerasState>;
  readonly drawing: boolean;
  onToggleDrawing(): void;
}

const ROLE_LABELS: Record<CameraRole, string> = {
  entrance: 'Entrance (greets customers, alerts staff)',
  checkout: 'Checkout',
  pickup: 'Pickup counter',
  aisle: 'Aisle',
  other: 'Other',
};

export function CameraForm({ store, drawing, onToggleDrawing }: Props) {
  const editing = useStore(store, (s) => s.editing);
  const devices = useStore(store, (s) => s.devices);
  const busy = useStore(store, (s) => s.busy);
  if (editing === null) return null;
  const change = (patch: Partial<CameraInput>): void => store.getState().edit({ ...editing, ...patch });
  const isUsb = editing.source.trim().toLowerCase().startsWith('usb');
  const device = editing.source.trim().slice(4);
  const usb = editing.usb ?? { width: 640, height: 480, fps: 15 };

  return (
    <form
      className="card"
      data-testid="camera-form"
      onSubmit={(event) => {
        event.preventDefault();
        void store.getState().save();
      }}
    >
      <h3>{editing.id === undefined ? 'Add a camera' : `Edit "${editing.name}"`}</h3>
      <label>
        Name{' '}
        <input
          value={editing.name}
          maxLength={60}
          required
          data-testid="camera-name"
          onChange={(e) => change({ name: e.target.value })}
        />
      </label>
      <label>
        Role{' '}
        <select value={editing.role} onChange={(e) => change({ role: CameraRole.parse(e.target.value) })}>
          {CameraRole.options.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source{' '}
        <input
          value={editing.source}
          data-testid="camera-source"
          placeholder="usb, usb:<name>, http://…, rtsp://…, /path/clip.mjpeg or .y4m"
          size={48}
          onChange={(e) => change({ source: e.target.value })}
        />
      </label>
      <p className="muted small">
        A password in a URL is kept on this PC only and never shown again; leave the shown address as it is to keep it.
      </p>
      {isUsb ? (
        <fieldset>
          <legend>USB camera</legend>
          <label>
            Device{' '}
            <select
              value={device}
              onChange={(e) => change({ source: e.target.value === '' ? 'usb' : `usb:${e.target.value}` })}
            >
              <option value="">The default camera</option>
              {devices.map((d) => (
                <option key={d.deviceId} value={d.label || d.deviceId}>
                  {d.label || `Camera ${d.deviceId.slice(0, 8)}`}
                </option>
              ))}
              {device !== '' && !devices.some((d) => (d.label || d.deviceId) === device) ? (
                <option value={device}>{device} (not seen now)</option>
              ) : null}
            </select>{' '}
            <button type="button" className="secondary" onClick={() => void store.getState().refreshDevices()}>
              Look again
            </button>
          </label>
          {devices.length === 0 ? (
            <p className="muted small">The capture window has not reported any camera yet; open it to see the list.</p>
          ) : null}
          <label>
            Resolution{' '}
            <select
              value={`${usb.width}x${usb.height}`}
              onChange={(e) => {
                const [width, height] = e.target.value.split('x').map(Number);
                change({ usb: { ...usb, width: width ?? 640, height: height ?? 480 } });
              }}
            >
              {USB_MODES.map((m) => (
                <option key={`${m.width}x${m.height}`} value={`${m.width}x${m.height}`}>
                  {m.width}×{m.height}
                </option>
              ))}
            </select>
          </label>
          <label>
            Frame rate{' '}
            <select value={usb.fps} onChange={(e) => change({ usb: { ...usb, fps: Number(e.target.value) } })}>
              {[5, 10, 15, 30].map((fps) => (
                <option key={fps} value={fps}>
                  {fps} fps
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      ) : null}
      <label>
        Analyses per second{' '}
        <input
          type="number"
          min={0.2}
          max={30}
          step="any"
          value={editing.samplingFps}
          onChange={(e) => change({ samplingFps: Number(e.target.value) })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={editing.hours !== null}
          onChange={(e) => change({ hours: e.target.checked ? { open: '07:00', close: '21:00' } : null })}
        />{' '}
        Only during working hours
      </label>
      {editing.hours !== null ? (
        <span>
          <input
            type="time"
            value={editing.hours.open}
            onChange={(e) => change({ hours: { open: e.target.value, close: editing.hours?.close ?? '21:00' } })}
          />{' '}
          to{' '}
          <input
            type="time"
            value={editing.hours.close}
            onChange={(e) => change({ hours: { open: editing.hours?.open ?? '07:00', close: e.target.value } })}
          />
        </span>
      ) : null}
      <label className="check">
        <input
          type="checkbox"
          checked={editing.enabled}
          data-testid="camera-enabled"
          onChange={(e) => change({ enabled: e.target.checked })}
        />{' '}
        Enabled
      </label>
      <fieldset>
        <legend>Privacy masks ({editing.masks.length})</legend>
        <p className="muted small">
          Masked areas are blacked out before any analysis and in every preview. Save the camera first, then draw on its
          preview: click the corners, then press Close mask.
        </p>
        <div className="buttons">
          <button type="button" className="secondary" data-testid="mask-draw" onClick={onToggleDrawing}>
            {drawing ? 'Close mask' : 'Draw a mask'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={editing.masks.length === 0}
            onClick={() => change({ masks: [] })}
          >
            Remove all masks
          </button>
        </div>
      </fieldset>
      <div className="buttons">
        <button type="submit" disabled={busy} data-testid="camera-save">
          Save
        </button>
        <button type="button" className="secondary" onClick={() => store.getState().edit(null)}>
          Cancel
        </button>
        {editing.id !== undefined ? (
          <button
            type="button"
            className="danger"
            disabled={busy}
            data-testid="camera-remove"
            onClick={() => {
              if (editing.id !== undefined && window.confirm(`Remove the camera "${editing.name}"?`)) {
                void store.getState().remove(editing.id);
              }
            }}
          >
            Remove camera
          </button>
        ) : null}
      </div>
    </form>
  );
}
