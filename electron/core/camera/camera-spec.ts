/**
 * Parses the `--camera` argument into a camera spec, and redacts credentials from camera URLs.
 * A camera URL may carry a password (http://admin:secret@cam/...): only `redactUrl` output ever
 * reaches logs, errors or the UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CameraKind } from '../../contract/dto.js';
import { missingCaseError } from '../../contract/result.js';

export interface CameraSpec {
  /** Stable, credential-free id for logs, health and stored visits. */
  readonly id: string;
  readonly kind: CameraKind;
  /** usb: the device id or label fragment to open ('' = the default camera). */
  readonly device?: string;
  /** mjpeg-url, rtsp: the full URL, credentials included (use only to connect; show `redactUrl`). */
  readonly url?: string;
  /** mjpeg-file, y4m-file: the absolute path of the clip. */
  readonly path?: string;
}

export class CameraSpecError extends Error {
  override readonly name = 'CameraSpecError';
}

const ACCEPTED_FORMS =
  'Use one of: "usb" (the default camera), "usb:<device label or id>", ' +
  '"http://host[:port]/path" or "https://..." (an MJPEG stream or a JPEG snapshot URL), ' +
  '"rtsp://host[:port]/path" (through ffmpeg), or the path of a .mjpeg or .y4m file.';

/** Query parameters that cameras commonly use for credentials (e.g. ?user=admin&pwd=...). */
const SECRET_QUERY_KEY = /^(user(name)?|login|pass(word|wd)?|pwd|token|key|api[-_]?key|auth|secret|sig(nature)?)$/i;

/**
 * Removes user:password from a URL, and masks credential-looking query values. Text that does not
 * parse as a URL still has any `scheme://user:pass@` part removed.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactCredentialsIn(url);
  }
  parsed.username = '';
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY_KEY.test(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.href;
}

/** Removes `scheme://user[:pass]@` credentials anywhere in free text (error messages, arguments). */
export function redactCredentialsIn(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/**
 * `usb` | `usb:<device>` | `http(s)://...` | `rtsp(s)://...` | `<path>.mjpeg` | `<path>.y4m`. Relative paths resolve against `cwd`.
 * Throws CameraSpecError with a sentence for a person when the argument is not usable.
 */
export function parseCameraSpec(arg: string, options: { cwd?: string } = {}): CameraSpec {
  const text = arg.trim();
  if (text === '') throw new CameraSpecError(`No camera given. ${ACCEPTED_FORMS}`);

  const lower = text.toLowerCase();
  if (lower === 'usb' || lower.startsWith('usb:')) {
    const device = text.slice(4).trim();
    return { id: device === '' ? 'usb' : `usb:${device}`, kind: 'usb', device };
  }

  if (lower.startsWith('http://') || lower.startsWith('https://')) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new CameraSpecError(`The camera URL "${redactCredentialsIn(text)}" is not a valid URL. ${ACCEPTED_FORMS}`);
    }
    if (parsed.hostname === '') {
      throw new CameraSpecError(`The camera URL "${redactUrl(text)}" has no host. ${ACCEPTED_FORMS}`);
    }
    return { id: redactUrl(parsed.href), kind: 'mjpeg-url', url: parsed.href };
  }

  if (lower.startsWith('rtsp://') || lower.startsWith('rtsps://')) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new CameraSpecError(`The camera URL "${redactCredentialsIn(text)}" is not a valid URL. ${ACCEPTED_FORMS}`);
    }
    if (parsed.hostname === '') {
      throw new CameraSpecError(`The camera URL "${redactUrl(text)}" has no host. ${ACCEPTED_FORMS}`);
    }
    return { id: redactUrl(parsed.href), kind: 'rtsp', url: parsed.href };
  }

  if (lower.endsWith('.mjpeg') || lower.endsWith('.y4m')) {
    const resolved = path.resolve(options.cwd ?? process.cwd(), text);
    let isFile = false;
    try {
      isFile = fs.statSync(resolved).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) throw new CameraSpecError(`No camera file at ${resolved}`);
    const kind = lower.endsWith('.y4m') ? 'y4m-file' : 'mjpeg-file';
    return { id: `file:${path.basename(resolved)}`, kind, path: resolved };
  }

  throw new CameraSpecError(`Unknown camera "${redactCredentialsIn(text)}". ${ACCEPTED_FORMS}`);
}

/** The spec written back as the text it was parsed from (credentials included: store it, never show it). */
export function specSource(spec: CameraSpec): string {
  switch (spec.kind) {
    case 'usb':
      return spec.device ? `usb:${spec.device}` : 'usb';
    case 'mjpeg-url':
    case 'rtsp':
      return spec.url ?? '';
    case 'mjpeg-file':
    case 'y4m-file':
      return spec.path ?? '';
    default:
      throw missingCaseError(spec.kind);
  }
}

/** The spec as people may see it: URLs without credentials. */
export function shownSource(spec: CameraSpec): string {
  return spec.url !== undefined ? redactUrl(spec.url) : specSource(spec);
}
