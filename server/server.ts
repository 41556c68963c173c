import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SqliteStore } from '../db/sqlite-store.js';
import { lockDataDir } from './data-dir.js';
import { systemClock, type AppContext, type Clock } from './app/context.js';
import { StaffSessions } from './app/auth.js';
import { EventBus } from './app/event-bus.js';
import { SessionWatch } from './app/session-watch.js';
import type { SecurityLimits } from './security/limits.js';
import { configDifferences, databaseIds } from './config/config-differences.js';
import { hashPasswordsForSeeding } from './app/secrets.js';
import type { HallConfig } from './config/schema.js';
import { FEATURES, type Feature, type FeatureInstance } from './features.js';
import { buildHttpApp } from './http/app.js';
import type { LoadSheddingOptions } from './http/load-shedding.js';
import { OpenConnections } from './http/open-connections.js';
import { createLogger } from './logger.js';
import { RealtimeGateway } from './realtime/gateway.js';
import type { Store } from './app/ports.js';
import type { FeatureStores } from './app/feature-stores.js';
import { openStore } from './open-store.js';
import { startIdleMemoryTrim } from './app/idle-memory-trim.js';
import type { PgTimeouts } from './store/postgres/pg-timeouts.js';

export { DATABASE_FILE } from './open-store.js';

export interface HallServerOptions {
  dataDir: string;
  /** absent or `sqlite`: the file in the data dir; `postgres://…`: the city database (migrated at start) */
  database?: string;
  /** the config to seed a new database with; compared (not applied) on an existing one */
  config?: HallConfig;
  port?: number;
  host?: string;
  clock?: Clock;
  log?: Logger;
  features?: Feature[];
  /** where the built UI pages are (default dist/public) */
  publicDir?: string;
  /** 503 while the event loop lags (off when not given) */
  loadShedding?: LoadSheddingOptions;
  /** overrides of the abuse limits (security/limits.ts) */
  limits?: Partial<SecurityLimits>;
  /** Fastify's trustProxy: the reverse proxy whose X-Forwarded-For/-Proto headers are believed */
  trustProxy?: string;
  /** PostgreSQL: how often the node tries to take over halls nobody leads, ms (default 2000) */
  leaderTryMs?: number;
  /** PostgreSQL: how long the node goes on leading after its last answered heartbeat, ms (default 5000) */
  leaderLeaseMs?: number;
  /** PostgreSQL: the bounds on every wait on the database (default DEFAULT_PG_TIMEOUTS; main.ts reads HALLQ_PG_*_MS) */
  pgTimeouts?: PgTimeouts;
}

export interface HallServer {
  ctx: AppContext;
  store: Store;
  /** every feature's ports on this store (the ones Feature.setup was given) */
  stores: FeatureStores;
  backend: 'sqlite' | 'postgres';
  /** the SQLite store (raw handle, synchronous repositories) when the server runs on one */
  sqlite?: SqliteStore;
  app: FastifyInstance;
  gateway: RealtimeGateway;
  sessions: StaffSessions;
  url: string;
  port: number;
  close(): Promise<void>;
}

const SESSION_SWEEP_MS = 60_000;
/** how long a shutdown waits for open requests and WebSocket goodbyes before it cuts the connections */
const CLOSE_GRACE_MS = 5_000;

/** Composition root: database → app context → HTTP → realtime → features. */
export async function startHallServer(opts: HallServerOptions): Promise<HallServer> {
  const log = opts.log ?? createLogger();
  const unlock = lockDataDir(opts.dataDir);
  let opened: Awaited<ReturnType<typeof openStore>>;
  try {
    opened = await openStore(opts.dataDir, opts.database, log, opts.pgTimeouts);
  } catch (err) {
    unlock();
    throw err;
  }
  const { store, features: stores, backend } = opened;
  if (opts.config) {
    if (await store.halls.isEmpty()) {
      await opened.seed(opts.config, await hashPasswordsForSeeding(opts.config.staff));
      log.info({ halls: opts.config.halls.length }, 'new database seeded from config');
    } else {
      for (const d of configDifferences(await databaseIds(store, stores), opts.config)) log.warn(`config differs from database (not applied): ${d}`);
    }
  }
  const sessionWatch = new SessionWatch();
  const bus = new EventBus((error, event) => log.error({ err: error, seq: event.seq, type: event.type }, 'event listener failed'));
  let cluster: Awaited<ReturnType<NonNullable<typeof opened.joinCluster>>> | undefined;
  try {
    cluster = await opened.joinCluster?.(bus, {
      sessions: sessionWatch,
      ...(opts.leaderTryMs ? { leaderTryMs: opts.leaderTryMs } : {}),
      ...(opts.leaderLeaseMs ? { leaderLeaseMs: opts.leaderLeaseMs } : {}),
    });
  } catch (err) {
    await opened.close();
    unlock();
    throw err;
  }
  const ctx: AppContext = {
    store,
    bus,
    clock: opts.clock ?? systemClock,
    log,
    sessions: sessionWatch,
    dataDir: opts.dataDir,
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(cluster
      ? {
          committed: (events) => cluster.committed(events),
          publishedSeq: (hallId) => cluster.publishedSeq(hallId),
          leads: (hallId) => cluster.leads(hallId),
          claimKey: () => cluster.claimKey(),
        }
      : {}),
  };
  const sessions = new StaffSessions(ctx);
  const features: FeatureInstance[] = [];
  for (const f of opts.features ?? FEATURES) features.push(await f.setup(ctx, stores));
  const routes = features.flatMap((f) => (f.routes ? [f.routes] : []));
  const app = await buildHttpApp(ctx, {
    featureRoutes: routes,
    sessions,
    ...(opts.publicDir ? { publicDir: opts.publicDir } : {}),
    ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
    ...(opts.loadShedding ? { loadShedding: opts.loadShedding } : {}),
  });
  await app.ready();
  const connections = new OpenConnections(app.server);
  const gateway = new RealtimeGateway(ctx, app.server);
  await app.listen({ port: opts.port ?? 3000, host: opts.host ?? '0.0.0.0' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 3000);

  for (const feature of features) await feature.start?.({ app, gateway, dataDir: opts.dataDir });
  const sweep = setInterval(() => {
    sessions.sweepExpired().catch((err: unknown) => log.error({ err }, 'expired sessions could not be swept'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  const stopMemoryTrim = startIdleMemoryTrim(log);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(sweep);
      stopMemoryTrim();
      const cut = setTimeout(() => {
        const count = connections.destroyAll();
        if (count > 0) log.warn({ connections: count }, `connections still open ${CLOSE_GRACE_MS} ms into the shutdown were cut`);
      }, CLOSE_GRACE_MS);
      for (const feature of [...features].reverse()) {
        try {
          await feature.close?.();
        } catch (err) {
          log.error({ err }, 'feature failed to close');
        }
      }
      await gateway.close();
      await app.close().catch(() => {});
      clearTimeout(cut);
      await sessions.close();
      await cluster?.close();
      await opened.close();
      unlock();
    })();
    return closing;
  };
  return {
    ctx,
    store,
    stores,
    backend,
    ...(opened.sqlite ? { sqlite: opened.sqlite } : {}),
    app,
    gateway,
    sessions,
    url: `http://127.0.0.1:${port}`,
    port,
    close,
  };
}
