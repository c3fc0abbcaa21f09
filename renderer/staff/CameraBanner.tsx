/** Warns the desk when no camera is watching the entrance, since alerts then stop arriving. */
import type { CameraStatus } from '../../electron/contract/dto.js';
import { missingCaseError } from '../../electron/contract/result.js';

function sentence(camera: CameraStatus): string {
  const why = camera.lastError ? `: ${camera.lastError}` : '.';
  switch (camera.state) {
    case 'starting':
      return `Camera "${camera.cameraId}" is starting${why}`;
    case 'stalled':
      return `Camera "${camera.cameraId}" has stopped sending pictures${why}`;
    case 'error':
      return `Camera "${camera.cameraId}" is not working${why}`;
    case 'stopped':
      return `Camera "${camera.cameraId}" is switched off${why}`;
    case 'running':
      return '';
    default:
      throw missingCaseError(camera.state);
  }
}

export function CameraBanner({ cameras }: { readonly cameras: readonly CameraStatus[] | null }) {
  if (cameras === null) return null;
  const troubled = cameras.filter((c) => c.state !== 'running');
  if (cameras.length > 0 && troubled.length === 0) return null;
  return (
    <div className="banner warn camera-banner" role="status" data-testid="camera-banner">
      {cameras.length === 0
        ? 'No camera is reporting. Customers will not be recognised until the camera runs.'
        : troubled.map((c) => <div key={c.cameraId}>{sentence(c)} Customers are not recognised meanwhile.</div>)}
    </div>
  );
}
