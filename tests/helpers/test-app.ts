import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contract/events.js';
import type { HallConfig } from '../../server/config/schema.js';
import type { Feature } from '../../server/features.js';
import type { SecurityLimits } from '../../server/security/limits.js';
import { openSqliteStore, type SqliteStore } from '../../db/sqlite-store.js';
import { seedDatabase } from '../../server/config/seed.js';
import { DATABASE_FILE, startHallServer, type HallServer, type HallServerOptions } from '../../server/server.js';
import { FakeClock } from './fake-clock.js';
import { TEST_STORE, testDatabase } from './test-store.js';
import { MONDAY_10AM, PASSWORD, testConfig } from './test-config.js';

/** a test app's server runs on a SQLite file: its store is the SQLite one (raw handle, synchronous repositories) */
export type SqliteHallServer = HallServer & { store: SqliteStore };

function onSqlite(server: HallServer): SqliteHallServer {
  if (!server.sqlite) throw new Error('buildTestApp runs on SQLite unless given a database');
  return server as SqliteHallServer;
}

export interface TestApp<S extends HallServer = SqliteHallServer> {
  server: S;
  url: string;
  clock: FakeClock;
  dataDir: string;
  /** fetch against the server; JSON body in, parsed JSON out */
  http<T = any>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers; text: string }>;
  login(username: string, password?: string): Promise<string>;
  socket(token: string): Socket<ServerToClientEvents, ClientToServerEvents>;
  /** stop the server, keep the data (for restart tests) */
  stop(): Promise<void>;
  /** start again on the same data dir */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: HallConfig;
  now?: string;
  features?: Feature[];
  publicDir?: string;
  dataDir?: string;
  loadShedding?: HallServerOptions['loadShedding'];
  /** abuse limits other than the defaults */
  limits?: Partial<SecurityLimits>;
  /** the server's logger (default: silent, or HALLQ_TEST_LOG's level) */
  log?: Logger;
  /** a postgres://… database to run on (new and empty: seeded from the config) instead of a SQLite file */
  database?: string;
  /** PostgreSQL: how often the node tries to take over halls nobody leads, ms */
  leaderTryMs?: number;
  /** PostgreSQL: the bounds on every wait on the database, other than the defaults */
  pgTimeouts?: HallServerOptions['pgTimeouts'];
}

/**
 * Seeded databases per config, made once per test worker: seeding hashes every password with
 * scrypt, which is most of a test server's start. Kept as the file's bytes (a worker may end
 * without an exit event, which left a template directory behind per worker and run); each app
 * writes its own copy.
 */
const seededTemplates = new Map<string, Buffer>();

function seededDatabase(config: HallConfig): Buffer {
  const key = JSON.stringify(config);
  let bytes = seededTemplates.get(key);
  if (!bytes) {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-template-'));
    try {
      const file = join(dir, DATABASE_FILE);
      const store = openSqliteStore(file);
      seedDatabase(store.db, config);
      store.close(); // checkpoints the WAL into the file, so the one file is the whole database
      bytes = readFileSync(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    seededTemplates.set(key, bytes);
  }
  return bytes;
}

/**
 * A real server on a real temporary SQLite file (or the PostgreSQL database given), on a free port, silent.
 * Under `HALLQ_TEST_STORE=postgres` an app given neither a database nor a data dir runs on a fresh
 * PostgreSQL database of its own instead (tests/helpers/test-store.ts).
 */
export async function buildTestApp(opts: TestAppOptions & { database: string }): Promise<TestApp<HallServer>>;
export async function buildTestApp(opts?: TestAppOptions): Promise<TestApp>;
export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp<HallServer>> {
  const config = opts.config ?? testConfig();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hallq-test-'));
  const ownDatabase = TEST_STORE === 'postgres' && !opts.dataDir && !opts.database ? await testDatabase(config) : undefined;
  const database = opts.database ?? ownDatabase?.url;
  if (!opts.dataDir && !database) writeFileSync(join(dataDir, DATABASE_FILE), seededDatabase(config), { mode: 0o600 });
  const clock = new FakeClock(opts.now ?? MONDAY_10AM);
  const sockets: Socket[] = [];
  const start = async (port = 0) => {
    const started = await startHallServer({
      dataDir,
      config,
      port,
      host: '127.0.0.1',
      clock,
      log: opts.log ?? pino({ level: process.env.HALLQ_TEST_LOG ?? 'silent' }),
      features: opts.features ?? [],
      ...(opts.publicDir ? { publicDir: opts.publicDir } : {}),
      ...(opts.loadShedding ? { loadShedding: opts.loadShedding } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(database ? { database } : {}),
      ...(opts.leaderTryMs ? { leaderTryMs: opts.leaderTryMs } : {}),
      ...(opts.pgTimeouts ? { pgTimeouts: opts.pgTimeouts } : {}),
    });
    // a suite run on PostgreSQL types its apps as SQLite ones: the tests that reach into SQLite are skipped there
    return database ? started : onSqlite(started);
  };
  let server = await start();
  let stopped = false;

  const app: TestApp<HallServer> = {
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    clock,
    dataDir,
    async http(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.raw !== undefined) body = o.raw;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(server.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as any, headers: res.headers, text };
    },
    async login(username, password = PASSWORD) {
      const res = await app.http<{ token: string }>('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return res.body.token;
    },
    socket(token) {
      const s = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300 });
      sockets.push(s);
      return s as Socket<ServerToClientEvents, ClientToServerEvents>;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
    async restart() {
      if (!stopped) await server.close();
      server = await start(server.port);
      stopped = false;
    },
    async close() {
      for (const s of sockets) s.close();
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await ownDatabase?.drop();
    },
  };
  return app;
}
