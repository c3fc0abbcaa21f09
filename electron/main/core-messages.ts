/**
 * Narrows a message from the core process (structured-cloned, so `unknown` here) to the host protocol's
 * CoreToMain union. A message that does not fit is dropped by the caller and logged, never trusted.
 */
import { EVENT_NAMES, type EventName } from '../contract/access.js';
import { ERROR_CODES, type ErrorCode, type Result } from '../contract/result.js';
import type { CoreToMain } from '../core/host-protocol.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function parseResult(value: unknown): Result<unknown> | null {
  if (!isRecord(value)) return null;
  if (value.ok === true && 'value' in value) return { ok: true, value: value.value };
  if (value.ok === false && isRecord(value.error)) {
    const { code, message } = value.error;
    if (isErrorCode(code) && typeof message === 'string') return { ok: false, error: { code, message } };
  }
  return null;
}

export function parseCoreMessage(message: unknown): CoreToMain | null {
  if (!isRecord(message)) return null;
  switch (message.type) {
    case 'ready':
      return typeof message.storeName === 'string' ? { type: 'ready', storeName: message.storeName } : null;
    case 'failed':
      return typeof message.message === 'string' ? { type: 'failed', message: message.message } : null;
    case 'result': {
      const result = parseResult(message.result);
      if (typeof message.id !== 'number' || !Number.isInteger(message.id) || result === null) return null;
      return { type: 'result', id: message.id, result };
    }
    case 'event':
      return isEventName(message.event) ? { type: 'event', event: message.event, payload: message.payload } : null;
    default:
      return null;
  }
}
