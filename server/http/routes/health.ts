import type { FastifyInstance } from 'fastify';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { AppContext } from '../../app/context.js';
import { APP_VERSION } from '../../version.js';

const WINDOW_MS = 30_000;
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

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
    stop: () => { clearInterval(roll); histogram.disable(); },
  };
}

export async function healthRoutes(app: FastifyInstance, opts: { ctx: AppContext; startedAt: number }): Promise<void> {
  const loopDelay = recentLoopDelay();
  app.addHook('onClose', async () => loopDelay.stop());

  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness, database check and recent event-loop delay' } }, async () => {
    let db = 'ok';
    try {
      opts.ctx.store.events.lastSeq();
    } catch {
      db = 'error';
    }
    return {
      status: db === 'ok' ? 'ok' : 'degraded', version: APP_VERSION, uptimeSeconds: Math.round((Date.now() - opts.startedAt) / 1000), db,
      eventLoopDelayMs: loopDelay.read(),
    };
  });
}
