/** The backup and restore commands of the hall-queue CLI (cli.ts is the entry). */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, openExisting, restoreDatabase } from '../../db/backup.js';
import { DATABASE_FILE } from '../server.js';

export const USAGE =
  'usage: hall-queue backup --data DIR [--to FILE] | hall-queue restore --data DIR --from FILE | hall-queue migrate --from-sqlite DIR --to postgres://USER@HOST/DB [--hall ID]';

export class UsageError extends Error {}

const stamp = (now = new Date()) => now.toISOString().replace(/[:.]/g, '-');

async function backup(dataDir: string, to: string | undefined): Promise<string> {
  const target = resolve(to ?? join(dataDir, 'backups', `hall-queue-manual-${stamp()}.sqlite`));
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const db = openExisting(join(dataDir, DATABASE_FILE));
  try {
    const started = Date.now();
    const info = await backupDatabase(db, target);
    return `backup written: ${info.file} (${Math.round(info.bytes / 1024)} KB, schema ${info.schema}, ${Date.now() - started} ms)`;
  } finally {
    db.close();
  }
}

function restore(dataDir: string, from: string | undefined): string {
  if (!from) throw new UsageError('restore needs --from FILE');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const result = restoreDatabase(resolve(from), join(dataDir, DATABASE_FILE), stamp());
  const kept = result.replacedTo ? `; the database it replaced is kept as ${result.replacedTo}` : '';
  return `restored ${from} into ${dataDir} (schema ${result.schema})${kept}. Start the server: pending migrations run then.`;
}

async function migrate(fromDir: string | undefined, to: string | undefined, hall: string | undefined): Promise<string> {
  if (!fromDir || !to) throw new UsageError('migrate needs --from-sqlite DIR and --to postgres://…');
  // loaded on use: the PostgreSQL client is not needed by a hall that never moves up
  const { migrateFromSqlite } = await import('../store/postgres/migrate-command.js');
  return migrateFromSqlite({ fromDir, to, databaseFile: DATABASE_FILE, ...(hall ? { hall } : {}) });
}

/** Runs one command; resolves with the line to print. */
export async function runCli(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { data: { type: 'string' }, to: { type: 'string' }, from: { type: 'string' }, 'from-sqlite': { type: 'string' }, hall: { type: 'string' } },
  });
  const dataDir = resolve(values.data ?? process.env.HALLQ_DATA_DIR ?? './data');
  if (command === 'backup') return backup(dataDir, values.to);
  if (command === 'restore') return restore(dataDir, values.from);
  if (command === 'migrate') return migrate(values['from-sqlite'], values.to, values.hall);
  throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
}
