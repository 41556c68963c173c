import { ALL_HALLS } from '../../app/ports.js';
import type { FastifyInstance } from 'fastify';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { SqliteStore } from '../../../db/sqlite-store.js';
import { monotonicMs, type AppContext } from '../../app/context.js';
import { APP_VERSION } from '../../version.js';
import { databaseUnavailableSeen, isStorageFull, storageFullSeen } from '../errors.js';

const WINDOW_MS = 30_000;
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
/** A monitor may poll every second: the write (an fsync) is made at most this often, or after a write failed. */
const PROBE_EVERY_MS = 5000;

/**
 * How late the event loop ran lately: every call, board and keypad waits behind a stall. Kept
 * over the current and the previous 30 s, so a reading covers at least the last half minute.
 */
function recentLoopDelay(): { read(): { p99: number; max: number }; stop(): void } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let previous = { p99: 0, max: 0 };
  const roll = setInterval(() => {
    previous = { p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
    histogram.reset();
  }, WINDOW_MS);
  roll.unref();
  return {
    read: () => ({ p99: Math.max(previous.p99, ms(histogram.percentile(99))), max: Math.max(previous.max, ms(histogram.max)) }),
    stop: () => {
      clearInterval(roll);
      histogram.disable();
    },
  };
}

/** A write as large as a few tickets' worth, committed: it needs room in the WAL as they would. */
async function probeWrite(ctx: AppContext): Promise<'ok' | 'full' | 'error'> {
  const db = (ctx.store as Partial<SqliteStore>).db;
  try {
    if (!db) {
      // PostgreSQL: a round trip on the pool (its reads of halls may come from the node's copy), within its bounds
      await (ctx.store.ping ? ctx.store.ping() : ctx.store.halls.halls());
      return 'ok';
    }
    await ctx.store.writeHall(ALL_HALLS, async () =>
      db.prepare('INSERT OR REPLACE INTO health_probe (id, at, pad) VALUES (1, ?, randomblob(16384))').run(ctx.clock.now().toISOString()),
    );
    return 'ok';
  } catch (err) {
    return isStorageFull(err) ? 'full' : 'error';
  }
}

export async function healthRoutes(app: FastifyInstance, opts: { ctx: AppContext; startedAt: number }): Promise<void> {
  const loopDelay = recentLoopDelay();
  app.addHook('onClose', async () => loopDelay.stop());
  let last: { at: number; fullSeen: number; awaySeen: number; db: 'ok' | 'full' | 'error' } | undefined;

  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Liveness, a database write (db: ok | full | error; 503 unless ok) and recent event-loop delay' } },
    async (_request, reply) => {
      const now = monotonicMs(opts.ctx.clock);
      if (!last || now - last.at >= PROBE_EVERY_MS || last.db !== 'ok' || storageFullSeen() !== last.fullSeen || databaseUnavailableSeen() !== last.awaySeen) {
        last = { at: now, fullSeen: storageFullSeen(), awaySeen: databaseUnavailableSeen(), db: await probeWrite(opts.ctx) };
      }
      const db = last.db;
      return reply.status(db === 'ok' ? 200 : 503).send({
        status: db === 'ok' ? 'ok' : 'degraded',
        version: APP_VERSION,
        uptimeSeconds: Math.round((Date.now() - opts.startedAt) / 1000),
        db,
        eventLoopDelayMs: loopDelay.read(),
      });
    },
  );
}
