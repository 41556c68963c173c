import type { FastifyInstance } from 'fastify';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AppContext } from '../../app/context.js';
import { APP_VERSION } from '../../version.js';

const ns = (n: number) => Math.round(n / 1e4) / 100;

export async function healthRoutes(app: FastifyInstance, opts: { ctx: AppContext; startedAt: number }): Promise<void> {
  // How late the event loop ran since start: every call, board and keypad waits behind a stall.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  app.addHook('onClose', async () => loopDelay.disable());

  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness and database check' } }, async () => {
    let db = 'ok';
    try {
      opts.ctx.store.events.lastSeq();
    } catch {
      db = 'error';
    }
    return {
      status: db === 'ok' ? 'ok' : 'degraded', version: APP_VERSION, uptimeSeconds: Math.round((Date.now() - opts.startedAt) / 1000), db,
      eventLoopDelayMs: { p99: ns(loopDelay.percentile(99)), max: ns(loopDelay.max) },
    };
  });
}
