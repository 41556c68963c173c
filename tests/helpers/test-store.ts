/**
 * Which store buildTestApp runs on. `HALLQ_TEST_STORE=postgres` (the `postgres` vitest project sets
 * it) runs every test app of a file on PostgreSQL: one cluster for the whole run (started by
 * tests/helpers/global-setup-postgres.ts, or once per worker when the variable is set by hand), a
 * seeded template database per config, and a fresh copy of it for each test.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import type { HallConfig } from '../../server/config/schema.js';
import { hashPasswordsForSeeding } from '../../server/app/secrets.js';
import { openStore } from '../../server/open-store.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the run's cluster (`postgres` database), or '' when the run has none */
    pgClusterUrl: string;
  }
}

export const TEST_STORE: 'sqlite' | 'postgres' = process.env.HALLQ_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * True when the test must be skipped on this pass: a test that needs SQLite itself (its file,
 * its raw handle). `why` is the one word a reader needs (`file`, `handle`, `backup`…).
 * Use as `it.skipIf(sqliteOnly('file'))(…)`.
 */
export function sqliteOnly(why: string): boolean {
  void why;
  return TEST_STORE === 'postgres';
}

let workerCluster: Promise<PostgresServer> | undefined;

async function clusterUrl(): Promise<string> {
  let provided = '';
  try {
    provided = inject('pgClusterUrl') ?? '';
  } catch {
    /* not inside a vitest worker with the postgres project's setup */
  }
  if (provided) return provided;
  workerCluster ??= startPostgres();
  return (await workerCluster).url;
}

function databaseUrl(cluster: string, name: string): string {
  const url = new URL(cluster);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onCluster<T>(cluster: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: cluster });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const templates = new Map<string, Promise<string>>();

/**
 * The seeded template for a config, made once per run: migrating and seeding (scrypt for every
 * password) is most of a server's start. Workers share templates; an advisory lock keyed by the
 * template's name lets one worker make it while the others wait.
 */
function template(cluster: string, config: HallConfig): Promise<string> {
  const name = `tpl_${createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16)}`;
  let made = templates.get(name);
  if (!made) {
    made = onCluster(cluster, async (client) => {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount === 0) await seedTemplate(client, cluster, name, config);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
      }
      return name;
    });
    templates.set(name, made);
  }
  return made;
}

async function seedTemplate(client: pg.Client, cluster: string, name: string, config: HallConfig): Promise<void> {
  // built under another name and renamed at the end, so a half-made template is never copied
  const building = `${name}_building`;
  await client.query(`DROP DATABASE IF EXISTS ${building}`);
  await client.query(`CREATE DATABASE ${building}`);
  const opened = await openStore('', databaseUrl(cluster, building), pino({ level: 'silent' }));
  try {
    await opened.seed(config, await hashPasswordsForSeeding(config.staff));
  } finally {
    await opened.close();
  }
  await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
}

let made = 0;
/** the next database of each template, copied while the current test runs */
const spares = new Map<string, Promise<string>>();

function copyOf(cluster: string, from: string): Promise<string> {
  const name = `t${process.pid}_${++made}`;
  return onCluster(cluster, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${from} STRATEGY FILE_COPY`)).then(() => name);
}

/** A database of its own for one test app, copied from the config's seeded template. */
export async function testDatabase(config: HallConfig): Promise<{ url: string; drop(): Promise<void> }> {
  const cluster = await clusterUrl();
  const from = await template(cluster, config);
  const name = await (spares.get(from) ?? copyOf(cluster, from));
  const spare = copyOf(cluster, from);
  spare.catch(() => undefined); // a failed spare fails the test that takes it, not this one
  spares.set(from, spare);
  return {
    url: databaseUrl(cluster, name),
    drop: () => onCluster(cluster, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
