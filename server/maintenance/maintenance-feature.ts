import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppContext } from '../app/context.js';
import type { SqliteFilePort } from '../app/feature-stores.js';
import { localTime } from '../domain/local-time.js';
import type { Feature, FeatureInstance } from '../features.js';
import { DEFAULT_MAINTENANCE, maintenanceOptionsFromEnv, type MaintenanceOptions } from './maintenance-options.js';
import { nightlyFile, pruneNightly } from './nightly-files.js';

const DAY_MS = 86_400_000;

/**
 * Nightly housekeeping: once a day after `backupAt` (the first hall's local time) a backup of
 * the live database, the oldest beyond `keepDays` removed, then events older than
 * `eventRetentionDays` moved to the archive. "Once a day" is judged by the files and the
 * clock, so a server that was down at the hour does it a minute after it is back.
 */
class MaintenanceJob {
  private running: Promise<void> | null = null;
  private archivedOn = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly file: SqliteFilePort,
    private readonly opts: MaintenanceOptions,
    private readonly dataDir: string,
  ) {}

  /** The first look is one interval after start: a backup never adds to the start-up's own work. */
  start(): void {
    this.timer = setInterval(() => this.tick(), this.opts.checkEveryMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.run()
      .catch((err: unknown) => this.ctx.log.error({ err }, 'nightly maintenance failed'))
      .finally(() => {
        this.running = null;
      });
  }

  private async run(): Promise<void> {
    const now = this.ctx.clock.now();
    const timezone = (await this.ctx.store.halls.halls())[0]?.timezone ?? 'Asia/Shanghai';
    const local = localTime(now, timezone);
    if (local.time < this.opts.backupAt) return;
    if (this.opts.keepDays > 0) await this.backup(local.date);
    if (this.opts.eventRetentionDays > 0 && this.archivedOn !== local.date) {
      await this.archive(new Date(now.getTime() - this.opts.eventRetentionDays * DAY_MS).toISOString());
      this.archivedOn = local.date;
    }
  }

  private async backup(date: string): Promise<void> {
    const dir = this.opts.backupDir ?? join(this.dataDir, 'backups');
    const file = nightlyFile(dir, date);
    if (existsSync(file)) return;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const started = Date.now();
    const info = await this.file.backup(file);
    const removed = pruneNightly(dir, date, this.opts.keepDays);
    this.ctx.log.info({ file, bytes: info.bytes, ms: Date.now() - started, removed }, 'nightly backup written');
  }

  private async archive(before: string): Promise<void> {
    const archive = this.file;
    let moved = 0;
    for (let n = archive.archiveBatch(before); n > 0; n = archive.archiveBatch(before)) {
      moved += n;
      await nextTurn(); // requests waiting between batches go first
    }
    if (moved > 0) this.ctx.log.info({ moved, before, dir: archive.archiveDir }, 'old events archived');
  }
}

/** The nightly backup and event archiving, with options (tests) or from the environment (the server). */
export function createMaintenanceFeature(options?: Partial<MaintenanceOptions>): Feature {
  return {
    name: 'maintenance',
    setup(ctx: AppContext, stores): FeatureInstance {
      const file = stores.sqliteFile;
      if (!file) {
        ctx.log
          .child({ module: 'maintenance' })
          .info('nightly backup and event archiving are off: they copy a SQLite file; back PostgreSQL up with its own tools (pg_basebackup, WAL archiving)');
        return {};
      }
      // read here, not at import: a bad value then stops the start with exit code 2 and its name
      const opts = options ? { ...DEFAULT_MAINTENANCE, ...options } : maintenanceOptionsFromEnv(process.env);
      let job: MaintenanceJob | undefined;
      return {
        start: (runtime) => {
          job = new MaintenanceJob(ctx, file, opts, runtime.dataDir);
          job.start();
        },
        close: () => job?.close(),
      };
    },
  };
}
