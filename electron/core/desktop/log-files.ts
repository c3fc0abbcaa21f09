/**
 * Log lines to rotating files, and the export a manager sends to support. `kiosk.log` grows to `maxBytes`, then
 * becomes `kiosk.1.log` (the older ones shift up, the oldest beyond `keep` is deleted), so the folder never holds
 * more than (keep + 1) × maxBytes. Lines are the logger's JSON lines: no images, no secrets.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface RotatingLogOptions {
  /** Folder of the log files (created when missing). */
  readonly dir: string;
  /** File name stem: `<base>.log`, `<base>.1.log`, … */
  readonly base?: string;
  /** Size at which the current file is rotated. */
  readonly maxBytes?: number;
  /** Rotated files kept besides the current one. */
  readonly keep?: number;
}

export const DEFAULT_LOG_LIMITS = { maxBytes: 2 * 1024 * 1024, keep: 4 } as const;

export interface RotatingLog {
  write(line: string): void;
  /** The files, oldest first. */
  files(): string[];
}

function fileAt(dir: string, base: string, index: number): string {
  return path.join(dir, index === 0 ? `${base}.log` : `${base}.${index}.log`);
}

export function createRotatingLog(options: RotatingLogOptions): RotatingLog {
  const base = options.base ?? 'kiosk';
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_LIMITS.maxBytes;
  const keep = options.keep ?? DEFAULT_LOG_LIMITS.keep;
  fs.mkdirSync(options.dir, { recursive: true });
  const current = fileAt(options.dir, base, 0);
  let size = fs.existsSync(current) ? fs.statSync(current).size : 0;

  const rotate = (): void => {
    fs.rmSync(fileAt(options.dir, base, keep), { force: true });
    for (let index = keep - 1; index >= 0; index--) {
      const from = fileAt(options.dir, base, index);
      if (fs.existsSync(from)) fs.renameSync(from, fileAt(options.dir, base, index + 1));
    }
    size = 0;
  };

  return {
    write(line) {
      const text = line.endsWith('\n') ? line : `${line}\n`;
      const bytes = Buffer.byteLength(text);
      if (size > 0 && size + bytes > maxBytes) rotate();
      fs.appendFileSync(current, text);
      size += bytes;
    },
    files() {
      return listLogFiles(options.dir, base);
    },
  };
}

/** Log files of `base` in `dir`, oldest first (highest rotation index first, the current file last). */
export function listLogFiles(dir: string, base = 'kiosk'): string[] {
  if (!fs.existsSync(dir)) return [];
  const pattern = new RegExp(`^${base.replace(/[^a-z0-9-]/gi, '')}(?:\\.(\\d+))?\\.log$`);
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({ name, index: match[1] === undefined ? 0 : Number(match[1]) }))
    .sort((a, b) => b.index - a.index)
    .map(({ name }) => path.join(dir, name));
}

export interface LogBundle {
  readonly fileName: string;
  readonly text: string;
  readonly files: number;
}

/** Everything in the log folder as one text, oldest first, each file under a header line; capped at `maxBytes`. */
export function exportLogs(dir: string, now: Date, maxBytes = 12 * 1024 * 1024): LogBundle {
  const bases = new Set<string>();
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) {
      const match = /^([a-z0-9-]+)(?:\.\d+)?\.log$/i.exec(name);
      if (match?.[1] !== undefined) bases.add(match[1]);
    }
  }
  const files = [...bases].sort().flatMap((base) => listLogFiles(dir, base));
  const parts: string[] = [];
  let total = 0;
  // Newest content matters most to support: fill from the newest file backwards, then restore the order.
  for (const file of [...files].reverse()) {
    const text = fs.readFileSync(file, 'utf8');
    const part = `===== ${path.basename(file)} =====\n${text}`;
    if (total + part.length > maxBytes) {
      parts.push(`===== older logs left out: the export is capped at ${Math.round(maxBytes / 1024 / 1024)} MB =====\n`);
      break;
    }
    parts.push(part);
    total += part.length;
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { fileName: `smart-store-kiosk-logs-${stamp}.txt`, text: parts.reverse().join('\n'), files: files.length };
}
