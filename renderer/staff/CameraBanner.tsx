/**
 * Warns the desk when no camera is watching the entrance, since alerts then stop arriving. Only ENTRANCE cameras
 * count: a checkout camera that is down changes nothing at the desk, and the admin window shows it anyway.
 */
import type { CameraStatus } from '../../electron/contract/dto.js';
import { missingCaseError } from '../../electron/contract/result.js';

function sentence(camera: CameraStatus): string {
  const why = camera.lastError ? `: ${camera.lastError}` : '.';
  switch (camera.state) {
    case 'starting':
      return `The entrance camera "${camera.name}" is starting${why}`;
    case 'stalled':
      return `The entrance camera "${camera.name}" has stopped sending pictures${why}`;
    case 'error':
      return `The entrance camera "${camera.name}" is not working${why}`;
    case 'stopped':
      return `The entrance camera "${camera.name}" is switched off${why}`;
    case 'running':
      return '';
    default:
      throw missingCaseError(camera.state);
  }
}

export function CameraBanner({ cameras }: { readonly cameras: readonly CameraStatus[] | null }) {
  if (cameras === null) return null;
  const entrance = cameras.filter((c) => c.role === 'entrance');
  const troubled = entrance.filter((c) => c.state !== 'running');
  if (entrance.length > 0 && troubled.length === 0) return null;
  // With a second entrance camera still running, customers are still recognised: say only what is down.
  const consequence = entrance.some((c) => c.state === 'running') ? '' : ' Customers are not recognised meanwhile.';
  return (
    <div className="banner warn camera-banner" role="status" data-testid="camera-banner">
      {entrance.length === 0
        ? 'No entrance camera is reporting. Customers will not be recognised until one runs.'
        : troubled.map((c) => (
            <div key={c.cameraId}>
              {sentence(c)}
              {consequence}
            </div>
          ))}
    </div>
  );
}
