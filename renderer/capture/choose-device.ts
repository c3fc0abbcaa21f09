/**
 * Picks the USB camera named in the configuration (`AppInfo.camera.device`): an exact device id first, then a
 * label containing the text (case-insensitive), else the default camera. Pure, so it is unit-tested in Node.
 */

export interface VideoDevice {
  readonly deviceId: string;
  readonly label: string;
  readonly kind: string;
}

export type DeviceChoice =
  | { readonly kind: 'default' }
  | { readonly kind: 'device'; readonly deviceId: string; readonly label: string }
  /** A device was asked for but none matches (yet: labels stay empty until camera permission is granted). */
  | { readonly kind: 'unmatched' };

export function chooseDevice(devices: readonly VideoDevice[], wanted: string): DeviceChoice {
  const target = wanted.trim();
  if (target === '') return { kind: 'default' };
  const cameras = devices.filter((d) => d.kind === 'videoinput');
  const exact = cameras.find((d) => d.deviceId === target);
  if (exact) return { kind: 'device', deviceId: exact.deviceId, label: exact.label };
  const needle = target.toLowerCase();
  const byLabel = cameras.find((d) => d.label.toLowerCase().includes(needle));
  if (byLabel) return { kind: 'device', deviceId: byLabel.deviceId, label: byLabel.label };
  return { kind: 'unmatched' };
}

/** A sentence for the staff and the log about why the camera could not be opened. */
export function describeCameraError(error: unknown, wanted: string): string {
  const name = errorName(error);
  const which = wanted.trim() === '' ? 'the USB camera' : `the USB camera "${wanted.trim()}"`;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Permission to use ${which} was denied. Allow camera access for the capture window.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No camera was found for ${which}. Check that it is plugged in.`;
    case 'NotReadableError':
    case 'AbortError':
      return `${capitalise(which)} is in use by another program or is not responding. Close other camera apps or replug it.`;
    default: {
      const detail = error instanceof Error && error.message !== '' ? ` (${error.message})` : '';
      return `Could not open ${which}${detail}.`;
    }
  }
}

/** DOMException names say what happened (NotAllowedError, NotFoundError, …). */
function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
