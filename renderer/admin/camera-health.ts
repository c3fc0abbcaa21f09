/** How a camera's health reads in the admin window: a tone for its badge and one line of figures. Pure. */
import type { CameraStatus } from '../../electron/contract/dto.js';

export type Tone = 'ok' | 'warn' | 'danger';

export function healthTone(status: CameraStatus | undefined): Tone {
  if (status === undefined) return 'warn';
  switch (status.state) {
    case 'running':
      return 'ok';
    case 'starting':
    case 'stopped':
      return 'warn';
    case 'stalled':
    case 'error':
      return 'danger';
    default:
      return 'danger';
  }
}

export function healthFigures(status: CameraStatus): string {
  const parts = [
    `${status.fpsIn.toFixed(1)} fps in`,
    `${status.fpsAnalysed.toFixed(1)} analysed`,
    `${status.framesDropped} dropped`,
    `${status.framesRejected} refused`,
    `${status.reconnects} reconnects`,
  ];
  if (status.p95LatencyMs !== null) parts.push(`p95 ${status.p95LatencyMs} ms`);
  return parts.join(' · ');
}

/** Common capture modes for the USB picker. */
export const USB_MODES: readonly { readonly width: number; readonly height: number }[] = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
