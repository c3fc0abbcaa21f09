/**
 * The Cameras tab: every camera with its health (state, fps in and analysed, dropped and refused frames,
 * reconnects, p95 latency, the last problem in a sentence), a live preview of the selected one with face boxes,
 * track ids and its masks, and the form to add, edit, switch off or remove cameras.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { MaskPolygon } from '../../electron/contract/dto.js';
import type { KioskClient } from '../shared/api/client.js';
import { CameraForm } from './CameraForm.js';
import { CameraLivePreview } from './CameraLivePreview.js';
import { healthFigures, healthTone } from './camera-health.js';
import { createCamerasStore, inputOf, NEW_CAMERA } from './cameras-store.js';

export function CamerasSection({ client }: { readonly client: KioskClient<'admin'> }) {
  const [{ store, dispose }] = useState(() => createCamerasStore(client));
  useEffect(() => dispose, [dispose]);
  const cameras = useStore(store, (s) => s.cameras);
  const health = useStore(store, (s) => s.health);
  const selectedId = useStore(store, (s) => s.selectedId);
  const preview = useStore(store, (s) => s.preview);
  const editing = useStore(store, (s) => s.editing);
  const error = useStore(store, (s) => s.error);
  const notice = useStore(store, (s) => s.notice);
  const [draft, setDraft] = useState<MaskPolygon | null>(null);

  const selected = cameras.find((c) => c.id === selectedId) ?? null;
  const editingSelected = editing !== null && editing.id !== undefined && editing.id === selectedId;
  const masks = editingSelected ? editing.masks : (selected?.masks ?? []);

  const toggleDrawing = (): void => {
    if (draft === null) {
      setDraft([]);
      return;
    }
    const current = store.getState().editing;
    if (current !== null && draft.length >= 3) store.getState().edit({ ...current, masks: [...current.masks, draft] });
    setDraft(null);
  };

  return (
    <div className="workspace" data-testid="cameras-section">
      <section className="card" aria-labelledby="cameras-title">
        <h2 id="cameras-title">Cameras</h2>
        {error !== null ? (
          <div className="banner danger" role="alert" data-testid="cameras-error">
            {error}
          </div>
        ) : null}
        {notice !== null ? <p className="notice">{notice}</p> : null}
        {cameras.length === 0 ? <p className="muted">No camera is configured yet.</p> : null}
        <div className="rows">
          {cameras.map((camera) => {
            const status = health[camera.id];
            return (
              <div
                key={camera.id}
                className={`row camera-status${camera.id === selectedId ? ' selected' : ''}`}
                data-testid="camera-row"
                data-camera-id={camera.id}
                data-state={status?.state ?? 'starting'}
                data-analysed={status?.framesAnalysed ?? 0}
                role="button"
                tabIndex={0}
                onClick={() => void store.getState().select(camera.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void store.getState().select(camera.id);
                }}
              >
                <div className="camera-line">
                  <strong>{camera.name}</strong>{' '}
                  <span className="muted">
                    ({camera.role}, {camera.kind})
                  </span>{' '}
                  <span className={`badge ${healthTone(status)}`}>{status?.state ?? 'starting'}</span>
                  {!camera.enabled ? <span className="badge warn">off</span> : null}
                  {camera.masks.length > 0 ? <span className="badge">{camera.masks.length} mask(s)</span> : null}
                </div>
                <div className="muted small">{camera.source}</div>
                {status ? <div className="muted small">{healthFigures(status)}</div> : null}
                {status?.lastError && status.state !== 'running' ? (
                  <div className="camera-error">{status.lastError}</div>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="buttons">
          <button type="button" data-testid="camera-add" onClick={() => store.getState().edit({ ...NEW_CAMERA })}>
            Add a camera
          </button>
          {selected !== null ? (
            <button type="button" className="secondary" onClick={() => store.getState().edit(inputOf(selected))}>
              Edit "{selected.name}"
            </button>
          ) : null}
        </div>
      </section>
      <section className="card camera-panel" aria-label="Live preview">
        <h2>{selected === null ? 'Live preview' : `Live: ${selected.name}`}</h2>
        <CameraLivePreview
          preview={preview}
          masks={masks}
          draft={draft}
          onPoint={draft === null ? undefined : (point) => setDraft([...draft, point])}
        />
        <p className="legend muted">
          <span>
            <span className="swatch known" /> enrolled customer
          </span>
          <span>
            <span className="swatch unknown" /> not recognised (never stored)
          </span>
          <span>#n track id · dashed: privacy mask</span>
        </p>
      </section>
      <CameraForm store={store} drawing={draft !== null} onToggleDrawing={toggleDrawing} />
    </div>
  );
}
