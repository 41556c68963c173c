/**
 * A PostgreSQL primary and its streaming replica on this machine (Debian's binaries, as the
 * tests' throw-away server), for measuring a fail-over: `pg_basebackup -R` makes the replica,
 * `synchronous_standby_names = '*'` makes every commit wait for it (or not: `synchronous: false`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, pgBin } from '../../tests/helpers/postgres-server.js';

const run = promisify(execFile);

/** a PostgreSQL binary, as the postgres user when we are root; async: the load goes on meanwhile */
async function asPostgres(dir: string, bin: string, args: string[]): Promise<void> {
  const path = join(pgBin(), bin);
  const [cmd, argv] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  await run(cmd, argv, { cwd: dir, timeout: 120_000 });
}

export interface PgInstance {
  port: number;
  data: string;
  /** pg_ctl stop -m immediate: as a crash (no shutdown checkpoint, every session cut) */
  crash(): Promise<void>;
  /** pg_ctl restart -m fast: sessions ended, a clean shutdown, started again */
  restart(): Promise<void>;
  /** pg_ctl promote: a replica becomes a primary */
  promote(): Promise<void>;
}

export interface PgPair {
  primary: PgInstance;
  replica: PgInstance;
  /** postgres://… of a database on `port` */
  urlOn(port: number, database: string): string;
  /** the database the nodes use, created on the primary (and streamed to the replica) */
  database: string;
  stop(): Promise<void>;
}

export async function startPgPair(opts: { synchronous: boolean }): Promise<PgPair> {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-failover-'));
  if (userInfo().uid === 0) {
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  }
  const instance = (data: string, port: number): PgInstance => {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c cluster_name=hallq-${port}`;
    const ctl = (args: string[]) => asPostgres(dir, 'pg_ctl', ['-D', data, ...args]);
    return {
      port,
      data,
      crash: () => ctl(['-m', 'immediate', '-w', 'stop']),
      restart: () => ctl(['-o', options, '-l', join(dir, `log-${port}`), '-m', 'fast', '-w', '-t', '60', 'restart']),
      promote: () => ctl(['-w', '-t', '60', 'promote']),
      start: () => ctl(['-o', options, '-l', join(dir, `log-${port}`), '-w', '-t', '60', 'start']),
    } as PgInstance & { start(): Promise<void> };
  };
  const primary = instance(join(dir, 'primary'), await freePort()) as PgInstance & { start(): Promise<void> };
  const replica = instance(join(dir, 'replica'), await freePort()) as PgInstance & { start(): Promise<void> };
  const urlOn = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const instances = [primary, replica];
  const stop = async () => {
    await Promise.allSettled(instances.map((i) => i.crash()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // initdb's pg_hba.conf with --auth=trust lets 127.0.0.1 in for replication too
    await asPostgres(dir, 'initdb', ['-D', primary.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    await primary.start();
    await asPostgres(dir, 'pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replica.data, '-R', '-X', 'stream']);
    await replica.start();
    const admin = new pg.Client({ connectionString: urlOn(primary.port, 'postgres') });
    await admin.connect();
    try {
      // only now: with no standby connected, a synchronous commit would wait for ever
      if (opts.synchronous) {
        await admin.query(`ALTER SYSTEM SET synchronous_standby_names = '*'`);
        await admin.query('SELECT pg_reload_conf()');
      }
      await admin.query('CREATE DATABASE hallq');
      // the replica is streaming (and, when synchronous, counted as the synchronous standby)
      for (let i = 0; ; i++) {
        const { rows } = await admin.query<{ sync_state: string }>(`SELECT sync_state FROM pg_stat_replication`);
        if (rows[0] && (!opts.synchronous || rows[0].sync_state === 'sync')) break;
        if (i > 200) throw new Error(`the replica is not streaming: ${JSON.stringify(rows)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { primary, replica, urlOn, database: 'hallq', stop };
}
