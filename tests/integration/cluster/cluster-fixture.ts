/**
 * A cluster of real server processes (`server/main.ts` through tsx, as `npm run serve` runs it), all
 * on one store: several nodes over one PostgreSQL database (`--database URL`), or one node on a
 * SQLite data dir (a SQLite file has one server; that mode exercises the clients' side alone, and its
 * "other node" after a kill is the same data dir served again).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { HallConfig } from '../../../server/config/schema.js';
import { DATABASE_FILE } from '../../../server/server.js';
import { LEADER_APPLICATION_NAME } from '../../../server/store/postgres/hall-leader.js';
import { LOCK_SPACE } from '../../../server/store/postgres/hall-transaction.js';
import { startChildServer, type ChildServer } from '../process/child-server.js';

export interface ClusterNode {
  /** 0, 1, 2, …: a node started again after a kill keeps its index */
  index: number;
  url: string;
  child: ChildServer;
}

export interface StoredTicket {
  id: string;
  number: string;
}

export interface StoredEvent {
  seq: number;
  type: string;
  ticketId: string | undefined;
}

export interface Cluster {
  store: 'sqlite' | 'postgres';
  nodes: ClusterNode[];
  /** the nodes still running */
  live(): ClusterNode[];
  /** SIGKILL, and wait until the process is gone */
  kill(index: number): Promise<void>;
  /** PostgreSQL: the node holding the hall's leader lock (its scheduled work), if one does */
  leaderOf(hallId: string): Promise<number | undefined>;
  /** serves the node's store again (same arguments) under the same index */
  restart(index: number): Promise<ClusterNode>;
  /** every ticket in the store, read beside the running nodes */
  storedTickets(): Promise<StoredTicket[]>;
  /** a hall's event log in seq order */
  storedEvents(hallId: string): Promise<StoredEvent[]>;
  /** stops every node (SIGKILL: nothing is asserted after) and removes the temp dirs */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  config: HallConfig;
  /** how many server processes; more than one needs `databaseUrl` */
  nodes: number;
  /** postgres://… of an empty database: every node runs on it */
  databaseUrl?: string;
  /** environment of every node's process */
  env?: Record<string, string>;
  /** the database is migrated and seeded already (a test template's copy): every node starts at once */
  seeded?: boolean;
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  if (opts.nodes > 1 && !opts.databaseUrl) throw new Error('several nodes need one PostgreSQL database: a SQLite file has one server');
  const dir = mkdtempSync(join(tmpdir(), 'hallq-cluster-'));
  const configFile = join(dir, 'hall.json');
  writeFileSync(configFile, JSON.stringify(opts.config));
  // each node has its own data dir (logs, backups, a SQLite file it does not use on PostgreSQL)
  const dataDirOf = (i: number) => join(dir, opts.databaseUrl ? `node${i}` : 'data');
  const argsOf = (i: number) => [
    '--config',
    configFile,
    '--data',
    dataDirOf(i),
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    ...(opts.databaseUrl ? ['--database', opts.databaseUrl] : []),
  ];
  const nodes: ClusterNode[] = [];
  const start = async (i: number): Promise<ClusterNode> => {
    mkdirSync(dataDirOf(i), { recursive: true });
    const child = await startChildServer(argsOf(i), opts.env);
    const node = { index: i, url: child.url, child };
    nodes[i] = node;
    return node;
  };
  const pool = opts.databaseUrl ? new pg.Pool({ connectionString: opts.databaseUrl, max: 2 }) : undefined;
  let sqlite: Database.Database | undefined;
  const sqliteDb = () => (sqlite ??= new Database(join(dataDirOf(0), DATABASE_FILE), { readonly: true, fileMustExist: true }));
  const isLive = (n: ClusterNode) => n.child.proc.exitCode === null && n.child.proc.signalCode === null;
  const cluster: Cluster = {
    store: opts.databaseUrl ? 'postgres' : 'sqlite',
    nodes,
    live: () => nodes.filter(isLive),
    async kill(i) {
      const node = nodes[i]!;
      node.child.proc.kill('SIGKILL');
      await node.child.exited;
    },
    async leaderOf(hallId) {
      if (!pool) return undefined;
      // the leader connection names its process (hall-leader.ts); the lock is (LOCK_SPACE.hallLeader, hashtext(hall))
      const { rows } = await pool.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = hashtext($2)::oid`,
        [LOCK_SPACE.hallLeader, hallId],
      );
      const pid = Number(rows[0]?.name.slice(LEADER_APPLICATION_NAME.length + 1));
      return nodes.find((n) => isLive(n) && n.child.proc.pid === pid)?.index;
    },
    restart: (i) => start(i),
    async storedTickets() {
      const sql = 'SELECT id, number FROM tickets ORDER BY id';
      if (pool) return (await pool.query<StoredTicket>(sql)).rows;
      return sqliteDb().prepare(sql).all() as StoredTicket[];
    },
    async storedEvents(hallId) {
      // jsonb comes back parsed from PostgreSQL, as text from SQLite
      const rows = pool
        ? (
            await pool.query<{ seq: string; type: string; data: { ticketId?: string } }>('SELECT seq, type, data FROM events WHERE hall_id = $1 ORDER BY seq', [
              hallId,
            ])
          ).rows
        : (sqliteDb().prepare('SELECT seq, type, data FROM events WHERE hall_id = ? ORDER BY seq').all(hallId) as {
            seq: number;
            type: string;
            data: string;
          }[]);
      return rows.map((r) => {
        const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { ticketId?: string };
        return { seq: Number(r.seq), type: r.type, ticketId: data.ticketId };
      });
    },
    async stop() {
      for (const node of nodes.filter(isLive)) node.child.proc.kill('SIGKILL');
      await Promise.all(nodes.map((n) => n.child.exited));
      sqlite?.close();
      await pool?.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // the first node migrates and seeds an empty store; the others find it seeded
    if (!opts.seeded) await start(0);
    await Promise.all(
      Array.from({ length: opts.nodes }, (_, i) => i)
        .filter((i) => opts.seeded || i > 0)
        .map((i) => start(i)),
    );
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}
