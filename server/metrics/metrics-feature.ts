import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import type { Feature, FeatureInstance, FeatureRuntime } from '../features.js';
import { HallMetrics } from './hall-metrics.js';

const CALL_NEXT_ROUTE = '/api/windows/:windowId/call-next';

/**
 * GET /metrics in the Prometheus text format. The route plugin is not encapsulated
 * (skip-override, as fastify-plugin marks it) so that its timing hook sees the core's call-next
 * route. /metrics itself is never shed: a scrape is how an operator sees the pressure.
 */
export const metricsFeature: Feature = {
  name: 'metrics',
  async setup(ctx: AppContext): Promise<FeatureInstance> {
    let runtime: FeatureRuntime | undefined;
    const metrics = new HallMetrics(ctx, {
      sockets: () => runtime?.gateway.io.engine.clientsCount ?? 0,
      shed: () => runtime?.app.loadShedding?.refused ?? 0,
    });
    await metrics.load();
    const unsubscribe = ctx.bus.subscribe((event) => metrics.onEvent(event));
    const routes = async (app: FastifyInstance) => {
      app.addHook('onResponse', async (request, reply) => {
        if (request.routeOptions.url !== CALL_NEXT_ROUTE || request.method !== 'POST') return;
        metrics.callSeconds.observe({ outcome: reply.statusCode < 300 ? 'called' : 'refused' }, reply.elapsedTime / 1000);
      });
      app.get(
        '/metrics',
        {
          schema: { tags: ['system'], summary: 'Prometheus metrics: tickets, waiting, call latency, sockets, devices, event-loop lag' },
          config: { pressureHandler: () => undefined },
        },
        async (_request, reply) => {
          reply.type(metrics.registry.contentType);
          return metrics.registry.metrics();
        },
      );
    };
    Object.assign(routes, { [Symbol.for('skip-override')]: true });
    return {
      routes,
      start: (r) => {
        runtime = r;
      },
      close: () => {
        unsubscribe();
        metrics.registry.clear();
      },
    };
  },
};
