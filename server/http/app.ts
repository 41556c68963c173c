import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { StaffSessions } from '../app/auth.js';
import type { AppContext } from '../app/context.js';
import { loggableUrl } from '../logger.js';
import { APP_VERSION } from '../version.js';
import { registerAuth } from './auth-hook.js';
import { registerErrorHandling } from './errors.js';
import { registerLoadShedding, type LoadSheddingOptions } from './load-shedding.js';
import { requestLogger } from './request-logger.js';
import { pageRoutes } from './pages.js';
import { registerSecurityHeaders } from './security-headers.js';
import { authRoutes } from './routes/auth.js';
import { hallRoutes } from './routes/halls.js';
import { healthRoutes } from './routes/health.js';
import { reportRoutes } from './routes/reports.js';
import { ticketRoutes } from './routes/tickets.js';
import { windowRoutes } from './routes/windows.js';

export type RoutePlugin = (app: FastifyInstance, opts: { ctx: AppContext }) => Promise<void>;

/** Builds the HTTP application: external plugins → auth → routes (fastify/demo's order). */
export async function buildHttpApp(
  ctx: AppContext,
  opts: {
    startedAt?: number;
    featureRoutes?: RoutePlugin[];
    publicDir?: string;
    loadShedding?: LoadSheddingOptions;
    sessions?: StaffSessions;
    trustProxy?: string;
  } = {},
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // behind a reverse proxy (TLS at nginx) the client's address and https come from its headers
    ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
    loggerInstance: ctx.log as FastifyBaseLogger,
    childLoggerFactory: requestLogger,
    genReqId: () => randomUUID(),
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });

  // An empty JSON body is an empty object: action endpoints (call-next, finish…) take none.
  // Any other body goes through Fastify's own parser, which refuses __proto__ and constructor keys.
  const fastifyJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    void fastifyJson(request, text, (err, parsed) => {
      if (!err) return done(null, parsed);
      const poisoned = /__proto__|constructor/.test(err.message);
      done(Object.assign(new Error(poisoned ? 'body has a forbidden __proto__ or constructor key' : 'body is not valid JSON'), { statusCode: 400 }), undefined);
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Hall Queue API', description: '政务服务中心排队叫号系统 — HTTP API (docs/en/api.md in the repository)', version: APP_VERSION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await registerLoadShedding(app, opts.loadShedding);

  // A POST with no body at all (no content-type) is treated like an empty JSON object.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
  });
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  registerAuth(app, ctx);
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 400) request.log.info({ method: request.method, url: loggableUrl(request.url), status: reply.statusCode }, 'request refused');
  });

  await app.register(healthRoutes, { ctx, startedAt: opts.startedAt ?? Date.now() });
  await app.register(authRoutes, { ctx, sessions: opts.sessions ?? new StaffSessions(ctx) });
  await app.register(hallRoutes, { ctx });
  await app.register(ticketRoutes, { ctx });
  await app.register(windowRoutes, { ctx });
  await app.register(reportRoutes, { ctx });
  for (const plugin of opts.featureRoutes ?? []) await app.register(plugin, { ctx });
  await app.register(pageRoutes, opts.publicDir ? { publicDir: opts.publicDir } : {});
  return app;
}
