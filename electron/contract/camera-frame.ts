/**
 * How a camera frame names its camera on the binary paths (a WebSocket binary message, the `jpeg` bytes of
 * `camera.pushFrame`): "KCF1", one byte with the id's UTF-8 length, the id, then the JPEG. A bare JPEG (FF D8 …)
 * is still accepted and goes to the first USB camera, so one-camera capture pages keep working unchanged.
 */

const MAGIC = [0x4b, 0x43, 0x46, 0x31]; // "KCF1"
const MAX_ID_BYTES = 255;

export interface CameraFrame {
  /** null: a bare JPEG for the first USB camera. */
  readonly cameraId: string | null;
  readonly jpeg: Uint8Array;
}

/** The frame with its camera id in front. Throws when the id does not fit in 255 UTF-8 bytes. */
export function wrapCameraFrame(cameraId: string, jpeg: Uint8Array): Uint8Array<ArrayBuffer> {
  const id = new TextEncoder().encode(cameraId);
  if (id.length === 0 || id.length > MAX_ID_BYTES) throw new RangeError('A camera id must be 1..255 bytes long.');
  const out = new Uint8Array(MAGIC.length + 1 + id.length + jpeg.byteLength);
  out.set(MAGIC, 0);
  out[MAGIC.length] = id.length;
  out.set(id, MAGIC.length + 1);
  out.set(jpeg, MAGIC.length + 1 + id.length);
  return out;
}

/** Splits an envelope (or takes a bare JPEG as it is); null when the bytes are neither. */
export function unwrapCameraFrame(bytes: Uint8Array): CameraFrame | null {
  if (bytes.byteLength >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8) return { cameraId: null, jpeg: bytes };
  if (bytes.byteLength < MAGIC.length + 2 || MAGIC.some((b, i) => bytes[i] !== b)) return null;
  const idLength = bytes[MAGIC.length] ?? 0;
  const start = MAGIC.length + 1;
  if (idLength === 0 || bytes.byteLength < start + idLength) return null;
  let cameraId: string;
  try {
    cameraId = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, start + idLength));
  } catch {
    return null;
  }
  return { cameraId, jpeg: bytes.subarray(start + idLength) };
}
