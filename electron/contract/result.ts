/**
 * Results that cross a process or network boundary: plain values, never thrown errors.
 * One error type whose `code` is a closed union, so callers can switch on it exhaustively.
 */

export const ERROR_CODES = [
  'unknown_command',
  'forbidden',
  'invalid_payload',
  'malformed_message',
  'unauthenticated',
  'not_found',
  'conflict',
  'quality_gate',
  'camera_unavailable',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  readonly code: ErrorCode;
  /** A sentence for a person: what went wrong and, where possible, what to do next. */
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Thrown inside the core to end a command with a specific error code; the dispatcher turns it into a Result. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** For the default branch of a switch over a union: the compiler proves it unreachable. */
export function missingCaseError(x: never): Error {
  return new Error(`Unhandled case: ${JSON.stringify(x)}`);
}
