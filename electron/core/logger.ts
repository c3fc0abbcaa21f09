/**
 * Structured logging as a dependency. Lines are JSON so support can grep them; secrets and image
 * bytes are never passed in `fields`.
 */

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: { level?: Level; scope?: string; write?: (line: string) => void } = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const scope = options.scope ?? 'core';
  const emit = (level: Level, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < min) return;
    write(JSON.stringify({ t: new Date().toISOString(), level, scope, message, ...fields }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (child) => createLogger({ ...options, scope: `${scope}.${child}` }),
  };
}

/** A logger that keeps lines in memory, for tests that assert on what was logged. */
export function memoryLogger(): Logger & {
  lines: { level: Level; message: string; fields?: Record<string, unknown> }[];
} {
  const lines: { level: Level; message: string; fields?: Record<string, unknown> }[] = [];
  const make = (): Logger => ({
    debug: (message, fields) => void lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
    child: () => make(),
  });
  return Object.assign(make(), { lines });
}
