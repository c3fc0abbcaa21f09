/**
 * Backups of the kiosk database with SQLite's online backup API (better-sqlite3 `db.backup()`): the app keeps
 * serving while pages are copied. Files live in `<data folder>/backups`, named by the core with their time and
 * reason; only the newest `keep` (3) are kept. A file is written under a temporary name and renamed when
 * complete, so a half-written backup never appears in the list.
 *
 * Restore: the chosen file is copied aside, opened the way the app opens its database (which checks it and
 * brings an older schema up to date), checked for integrity, and then copied into the live database in one
 * transaction (see restore-into.ts). A backup of the current state is taken first, so a restore can be undone.
 * Operations run one at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BackupName, type BackupInfo, type BackupReason } from '../../contract/admin-dto.js';
import { CommandError } from '../../contract/result.js';
import { isoAt, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { appendAudit } from '../store/audit.js';
import { DatabaseOpenError, openDatabase, type WritableDb } from '../store/database.js';
import { SchemaTooNewError } from '../store/migrate.js';
import type { CoreHooks } from './core-hooks.js';
import { restoreInto, type RestoreOutcome } from './restore-into.js';

export const BACKUPS_TO_KEEP = 3;
export const BACKUP_DIR = 'backups';

export interface BackupServiceOptions {
  readonly db: WritableDb;
  /** The folder backups are written to (created when missing). */
  readonly dir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly hooks: CoreHooks;
  readonly keep?: number;
}

const NAME =
  /^kiosk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?-(scheduled|manual|before-restore)\.sqlite3$/;

interface Parsed {
  readonly info: BackupInfo;
  /** Orders backups made in the same second. */
  readonly sequence: number;
}

function parse(name: string, bytes: number): Parsed | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, seq, reason] = m;
  const createdAt = `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`;
  if (Number.isNaN(Date.parse(createdAt))) return null;
  return {
    info: { name, createdAt, reason: reason as BackupReason, bytes },
    sequence: seq === undefined ? 0 : Number(seq),
  };
}

function stamp(ms: number): string {
  return isoAt(ms).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

export interface RestoreResult {
  readonly restored: BackupInfo;
  /** The backup of the state just before the restore (restore it to undo). */
  readonly safety: BackupInfo;
  readonly outcome: RestoreOutcome;
}

export class BackupService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly keep: number;

  constructor(private readonly options: BackupServiceOptions) {
    this.keep = options.keep ?? BACKUPS_TO_KEEP;
  }

  /** Newest first. */
  list(): BackupInfo[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.options.dir);
    } catch {
      return [];
    }
    const parsed: Parsed[] = [];
    for (const name of names) {
      let bytes: number;
      try {
        bytes = fs.statSync(path.join(this.options.dir, name)).size;
      } catch {
        continue;
      }
      const entry = parse(name, bytes);
      if (entry) parsed.push(entry);
    }
    parsed.sort((a, b) => b.info.createdAt.localeCompare(a.info.createdAt) || b.sequence - a.sequence);
    return parsed.map((p) => p.info);
  }

  latest(): BackupInfo | null {
    return this.list()[0] ?? null;
  }

  create(reason: BackupReason, actor: string): Promise<BackupInfo> {
    return this.serialised(() => this.createNow(reason, actor));
  }

  restore(name: string, actor: string): Promise<RestoreResult> {
    return this.serialised(() => this.restoreNow(name, actor));
  }

  private serialised<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private freeName(reason: BackupReason): string {
    const base = `kiosk-${stamp(this.options.clock.now())}`;
    for (let n = 0; ; n++) {
      const name = `${base}${n === 0 ? '' : `-${n}`}-${reason}.sqlite3`;
      if (!fs.existsSync(path.join(this.options.dir, name))) return name;
    }
  }

  private async createNow(reason: BackupReason, actor: string): Promise<BackupInfo> {
    const { db, dir, clock, logger } = this.options;
    fs.mkdirSync(dir, { recursive: true });
    const name = this.freeName(reason);
    const partial = path.join(dir, `.${name}.partial`);
    try {
      await db.backup(partial);
      fs.renameSync(partial, path.join(dir, name));
    } catch (error) {
      fs.rmSync(partial, { force: true });
      logger.error('backup failed', { error: error instanceof Error ? error.message : String(error) });
      throw new CommandError(
        'internal',
        `The backup could not be written to ${dir} (${error instanceof Error ? error.message : String(error)}). Check the free disk space and try again.`,
      );
    }
    const info = this.list().find((b) => b.name === name);
    if (!info) throw new Error(`Backup ${name} vanished right after it was written.`);
    appendAudit(db, clock, { actor, action: 'backup.created', details: { name, reason, bytes: info.bytes } });
    this.prune();
    logger.info('backup written', { name, bytes: info.bytes });
    return info;
  }

  private prune(): void {
    for (const old of this.list().slice(this.keep)) {
      fs.rmSync(path.join(this.options.dir, old.name), { force: true });
      this.options.logger.info('old backup removed', { name: old.name });
    }
  }

  /** Copies the backup aside and opens it as the app would: checked, migrated to the current schema. */
  private prepare(info: BackupInfo): { file: string; cleanup(): void } {
    const { dir, clock, logger } = this.options;
    const work = fs.mkdtempSync(path.join(dir, '.restore-'));
    const cleanup = (): void => fs.rmSync(work, { recursive: true, force: true });
    const file = path.join(work, 'restore.sqlite3');
    try {
      fs.copyFileSync(path.join(dir, info.name), file);
      const copy = openDatabase(file, { logger: logger.child('restore'), clock });
      try {
        const integrity: unknown = copy.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok')
          throw new CommandError(
            'conflict',
            `The backup ${info.name} is damaged (${String(integrity)}); choose another one.`,
          );
        const broken = (copy.pragma('foreign_key_check') as unknown[]).length;
        if (broken > 0)
          throw new CommandError(
            'conflict',
            `The backup ${info.name} has ${broken} broken references; choose another one.`,
          );
        copy.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        copy.close();
      }
      return { file, cleanup };
    } catch (error) {
      cleanup();
      if (error instanceof CommandError) throw error;
      if (error instanceof SchemaTooNewError) {
        throw new CommandError(
          'conflict',
          `The backup ${info.name} was made by a newer version of the app; it cannot be restored here.`,
        );
      }
      if (error instanceof DatabaseOpenError) {
        throw new CommandError('conflict', `The backup ${info.name} cannot be read as a database; choose another one.`);
      }
      throw error;
    }
  }

  private async restoreNow(name: string, actor: string): Promise<RestoreResult> {
    const { db, clock, logger, hooks } = this.options;
    if (!BackupName.safeParse(name).success)
      throw new CommandError('invalid_payload', 'Choose a backup from the list.');
    const info = this.list().find((b) => b.name === name);
    if (!info) throw new CommandError('not_found', `There is no backup called ${name} any more; reload the list.`);
    const prepared = this.prepare(info);
    try {
      const enrolledBefore = db.prepare<[], string>('SELECT DISTINCT customer_id FROM face_templates').pluck().all();
      const safety = await this.createNow('before-restore', actor);
      const outcome = restoreInto(db, clock, prepared.file, info.createdAt);
      appendAudit(db, clock, {
        actor,
        action: 'backup.restored',
        details: { name, safety: safety.name, rows: outcome.rows, erasuresReapplied: outcome.erasuresReapplied },
      });
      logger.info('backup restored', { name, rows: outcome.rows, safety: safety.name });
      await hooks.restored.notify({ backup: name, enrolledBefore });
      return { restored: info, safety, outcome };
    } finally {
      prepared.cleanup();
    }
  }
}
