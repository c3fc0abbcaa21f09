/** Camera preview and health: what the entrance camera sees and whether frames are being analysed. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { CameraStatus } from '../../electron/contract/dto.js';
import { PreviewCanvas } from './PreviewCanvas.js';
import type { AdminState } from './store.js';

function tone(state: CameraStatus['state']): string {
  return state === 'running' ? 'ok' : state === 'starting' ? 'warn' : 'danger';
}

export function CameraPanel({ store }: { readonly store: StoreApi<AdminState> }) {
  const preview = useStore(store, (s) => s.preview);
  const cameras = useStore(store, (s) => s.cameras);
  return (
    <section className="card camera-panel" aria-labelledby="camera-title">
      <h2 id="camera-title">Camera</h2>
      <PreviewCanvas preview={preview} />
      <p className="legend muted">
        <span>
          <span className="swatch known" /> enrolled customer
        </span>
        <span>
          <span className="swatch unknown" /> not recognised (never stored)
        </span>
      </p>
      {cameras.length === 0 ? <p className="muted">No camera is reporting.</p> : null}
      {cameras.map((camera) => (
        <div key={camera.cameraId} className="camera-status" data-testid="camera-status" data-state={camera.state}>
          <div className="camera-line">
            <strong>{camera.cameraId}</strong> <span className="muted">({camera.kind})</span>{' '}
            <span className={`badge ${tone(camera.state)}`}>{camera.state}</span>
          </div>
          <div className="muted small">
            {camera.fpsIn.toFixed(1)} fps in · {camera.fpsAnalysed.toFixed(1)} fps analysed · {camera.facesSeen} faces
            seen · {camera.reconnects} reconnects
          </div>
          {camera.lastError !== null && camera.state !== 'running' ? (
            <div className="camera-error">{camera.lastError}</div>
          ) : null}
        </div>
      ))}
    </section>
  );
}
