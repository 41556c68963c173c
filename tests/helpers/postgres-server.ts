/**
 * A throw-away PostgreSQL cluster for one test file: initdb into a temp dir, started on a free
 * port as the `postgres` user (the server refuses to run as root), stopped and deleted by stop().
 * Each test takes a fresh database from createDatabase(), so tests in a file do not share rows.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Debian's postgresql package: /usr/lib/postgresql/<major>/bin, the newest installed */
export function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', 'initdb'))) : [];
  if (majors.length === 0) throw new Error(`PostgreSQL is not installed under ${root}: apt-get install postgresql`);
  return join(root, majors.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

export interface PostgresServer {
  /** postgres://… of the cluster's `postgres` database */
  url: string;
  /** a new database, empty or a copy of `template` (a database of this cluster no one is connected to); returns its URL */
  createDatabase(template?: string): Promise<string>;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** runs a PostgreSQL binary as the postgres user when we are root, as ourselves otherwise */
export function runAsPostgres(dir: string, bin: string, args: string[]): void {
  const asRoot = userInfo().uid === 0;
  const path = join(pgBin(), bin);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  execFileSync(cmd, argv, { cwd: dir, stdio: 'pipe', timeout: 120_000 });
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-pg-'));
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  runAsPostgres(dir, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  // fsync off: a test cluster is thrown away, and durability is PostgreSQL's job, not what we test
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  runAsPostgres(dir, 'pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let n = 0;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      runAsPostgres(dir, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // a worker that ends without afterAll (a crash, a timeout) must not leave a server running
  process.once('exit', stop);
  return {
    url,
    async createDatabase(template?: string) {
      const name = `t${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${client.escapeIdentifier(template)} STRATEGY FILE_COPY` : ''}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}
