/** `hall-queue migrate --from-sqlite DIR --to postgres://… [--hall ID]`: a hall moves up to the city database. */
import { join, resolve } from 'node:path';
import { databaseInUse } from '../../../db/backup.js';
import { copyHallFromSqlite, openSqliteForCopy, sqliteHalls, type HallCopy } from './copy-from-sqlite.js';
import { PgStore } from './pg-store.js';

/** the URL without its password, for messages */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the given URL';
  }
}

function summary(c: HallCopy): string {
  const r = c.rows;
  const figures = [
    `${r.tickets} tickets`,
    `${r.events} events`,
    `${r.appointments} appointments`,
    `${r.evaluations} evaluations`,
    `${r.sup_day_stats} day figures`,
    `${r.audit_log} audit entries`,
  ];
  return `hall ${c.hallId} (${c.name}): ${figures.join(', ')}`;
}

/**
 * Copies every hall of the data dir's database (or the one named) into the city database; each
 * hall in its own transaction. `databaseFile` is the file name in the data dir (server.ts's).
 */
export async function migrateFromSqlite(opts: { fromDir: string; to: string; hall?: string; databaseFile: string }): Promise<string> {
  if (!/^postgres(ql)?:\/\//.test(opts.to)) throw new Error(`--to must be a postgres:// URL, not "${opts.to}"`);
  const file = join(resolve(opts.fromDir), opts.databaseFile);
  // a hall still serving would go on writing tickets the city database never sees
  if (databaseInUse(file)) throw new Error(`${file} is open (is the hall's server running?): stop it, then migrate`);
  const sqlite = openSqliteForCopy(file);
  let store: PgStore | undefined;
  try {
    const halls = opts.hall ? [opts.hall] : sqliteHalls(sqlite).map((h) => h.id);
    store = await PgStore.open(opts.to, { poolSize: 2 });
    const lines: string[] = [];
    for (const hallId of halls) lines.push(summary(await copyHallFromSqlite(sqlite, store, hallId)));
    return `migrated into ${redactUrl(opts.to)}:\n${lines.map((l) => `  ${l}`).join('\n')}`;
  } finally {
    sqlite.close();
    await store?.close();
  }
}
