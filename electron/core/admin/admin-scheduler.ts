/**
 * The manager's scheduled jobs, checked once an hour: purge what the retention policy says is too old, and take
 * the daily backup when the newest one is a day old (or there is none). `tick()` is the whole job, so tests call
 * it with a fixed clock instead of waiting for the timer.
 */
import type { PurgeOutcome, Retention } from '../../contract/admin-dto.js';
import type { BackupInfo } from '../../contract/admin-dto.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export interface SchedulerDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retention: () => Retention;
  readonly purge: (retention: Retention) => PurgeOutcome;
  readonly latestBackup: () => BackupInfo | null;
  readonly backup: () => Promise<BackupInfo>;
  /** How often `tick` runs (default hourly). */
  readonly intervalMs?: number;
  /** Delay of the first tick after start, so starting the app stays quick (default one minute). */
  readonly firstTickMs?: number;
  /** A backup is due when the newest is at least this old (default one day). */
  readonly backupEveryMs?: number;
}

export interface TickOutcome {
  readonly purged: PurgeOutcome | null;
  readonly backup: BackupInfo | null;
}

export function backupDue(latest: BackupInfo | null, nowMs: number, everyMs = DAY_MS): boolean {
  return latest === null || nowMs - Date.parse(latest.createdAt) >= everyMs;
}

export class AdminScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickOutcome> | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    if (this.timer) return;
    const every = this.deps.intervalMs ?? HOUR_MS;
    this.timer = setTimeout(() => {
      void this.tick();
      this.timer = setInterval(() => void this.tick(), every);
      this.timer.unref();
    }, this.deps.firstTickMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One round of the jobs; a failing job is logged and does not stop the other. Never rejects. */
  tick(): Promise<TickOutcome> {
    if (this.running) return this.running;
    this.running = this.runJobs().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runJobs(): Promise<TickOutcome> {
    const { clock, logger } = this.deps;
    let purged: PurgeOutcome | null = null;
    try {
      purged = this.deps.purge(this.deps.retention());
      const total = purged.visits + purged.audit + purged.footfall + purged.audience;
      if (total > 0) logger.info('retention purge', { ...purged });
    } catch (error) {
      logger.error('retention purge failed', { error: error instanceof Error ? error.message : String(error) });
    }
    let backup: BackupInfo | null = null;
    try {
      if (backupDue(this.deps.latestBackup(), clock.now(), this.deps.backupEveryMs)) backup = await this.deps.backup();
    } catch (error) {
      logger.error('scheduled backup failed', { error: error instanceof Error ? error.message : String(error) });
    }
    return { purged, backup };
  }
}
