import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { APP_VERSION } from '../../version.js';

export async function healthRoutes(app: FastifyInstance, opts: { ctx: AppContext; startedAt: number }): Promise<void> {
  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness and database check' } }, async () => {
    let db = 'ok';
    try {
      opts.ctx.store.events.lastSeq();
    } catch {
      db = 'error';
    }
    return { status: db === 'ok' ? 'ok' : 'degraded', version: APP_VERSION, uptimeSeconds: Math.round((Date.now() - opts.startedAt) / 1000), db };
  });
}
