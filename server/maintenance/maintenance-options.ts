import { ConfigError } from '../config/load-config.js';

export interface MaintenanceOptions {
  /** nightly backups go here (default `<data>/backups`) */
  backupDir?: string;
  /** local time of the first hall at which the nightly backup runs, HH:MM */
  backupAt: string;
  /** nightly backups kept, one per day; 0 = no nightly backup */
  keepDays: number;
  /** events older than this many days leave the live log for the archive; 0 = keep all */
  eventRetentionDays: number;
  /** how often the job looks at the clock */
  checkEveryMs: number;
}

export const DEFAULT_MAINTENANCE: MaintenanceOptions = { backupAt: '02:30', keepDays: 14, eventRetentionDays: 400, checkEveryMs: 60_000 };

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new ConfigError(`${name} must be a whole number of days (0 or more), got "${raw}"`);
  return n;
}

/** HALLQ_BACKUP_DIR, HALLQ_BACKUP_AT, HALLQ_BACKUP_KEEP_DAYS, HALLQ_EVENT_RETENTION_DAYS. */
export function maintenanceOptionsFromEnv(env: NodeJS.ProcessEnv): MaintenanceOptions {
  const at = env.HALLQ_BACKUP_AT || DEFAULT_MAINTENANCE.backupAt;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new ConfigError(`HALLQ_BACKUP_AT must be a time HH:MM, got "${at}"`);
  return {
    ...DEFAULT_MAINTENANCE,
    ...(env.HALLQ_BACKUP_DIR ? { backupDir: env.HALLQ_BACKUP_DIR } : {}),
    backupAt: at,
    keepDays: whole(env, 'HALLQ_BACKUP_KEEP_DAYS', DEFAULT_MAINTENANCE.keepDays),
    eventRetentionDays: whole(env, 'HALLQ_EVENT_RETENTION_DAYS', DEFAULT_MAINTENANCE.eventRetentionDays),
  };
}
