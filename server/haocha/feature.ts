import { ALL_HALLS } from '../app/ports.js';
/**
 * 好差评 对接: every rating and 差评 step pushed to the province's platform through an outbox.
 * Settings (endpoint and per-hall code mapping) in the `haocha` settings document:
 *   PUT /api/haocha/settings  { url, halls: { main: { hallCode, services: {…}, windows: {…} } } }
 *   GET · PUT /api/haocha/halls/:hallId/mapping  one hall's codes (its manager)
 *   GET /api/haocha/halls/:hallId/outbox  → { counts: {pending, sent, failed}, recent: [...] }
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall } from '../app/actor.js';
import type { AppContext } from '../app/context.js';
import type { FeatureStores } from '../app/feature-stores.js';
import type { Feature, FeatureInstance } from '../features.js';
import { requireUser } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import { HaochaPush } from './haocha-push.js';
import { mappingRoutes } from './mapping-routes.js';
import { DEFAULT_HAOCHA, type HaochaSettings } from './payload.js';

const Code = Type.String({ minLength: 1, maxLength: 64 });
const SettingsBody = Type.Object(
  {
    url: Type.Union([Type.String({ pattern: '^https?://', maxLength: 500 }), Type.Null()]),
    halls: Type.Record(
      Type.String({ minLength: 1, maxLength: 64 }),
      Type.Object(
        {
          hallCode: Type.Optional(Code),
          services: Type.Optional(Type.Record(Type.String(), Code)),
          windows: Type.Optional(Type.Record(Type.String(), Code)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const OutboxQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')])) },
  { additionalProperties: false },
);

export interface HaochaOptions {
  /** how often due pushes are sent, ms (default 5000) */
  dispatchEveryMs?: number;
}

export function createHaochaFeature(opts: HaochaOptions = {}): Feature {
  return {
    name: 'haocha',
    async setup(ctx: AppContext, stores: FeatureStores): Promise<FeatureInstance> {
      const outbox = stores.haocha;
      const settingsDoc = stores.settings;
      const settings = () => settingsDoc.get<HaochaSettings>('haocha', DEFAULT_HAOCHA);
      const log = ctx.log.child({ module: 'haocha' });
      const push = new HaochaPush(ctx, outbox, stores.followUps, settings, log);
      for (const h of await ctx.store.halls.halls()) await push.startFromNowIfNew(h.id);
      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      let running: Promise<unknown> = Promise.resolve();
      const unsubscribe = ctx.bus.subscribe((e) => {
        if (closed || (e.type !== 'evaluation.created' && e.type !== 'followup.updated')) return;
        push.catchUp(e.hallId).catch((err: unknown) => log.error({ err }, '好差评 queueing failed'));
      });
      const tick = () => {
        running = running.then(() => push.dispatch()).catch((err: unknown) => log.error({ err }, '好差评 dispatch failed'));
        return running;
      };
      return {
        routes: async (app: FastifyInstance) => {
          await mappingRoutes(ctx, settingsDoc, () => void tick())(app);
          app.get(
            '/api/haocha/settings',
            { schema: { tags: ['haocha'], summary: '好差评 platform endpoint and per-hall code mapping', security: bearer } },
            async (request) => {
              requireUser(request, ['admin']);
              return settings();
            },
          );
          app.put<{ Body: Static<typeof SettingsBody> }>(
            '/api/haocha/settings',
            {
              schema: {
                tags: ['haocha'],
                summary: 'Set the 好差评 endpoint and the per-hall mapping of service and window codes',
                body: SettingsBody,
                security: bearer,
              },
            },
            async (request) => {
              const user = requireUser(request, ['admin']);
              await settingsDoc.put('haocha', request.body);
              await ctx.store.writeHall(
                ALL_HALLS,
                async (tx) =>
                  await tx.audit.record({
                    at: ctx.clock.now().toISOString(),
                    hallId: null,
                    actorType: 'user',
                    actorId: user.id,
                    action: 'haocha.settings',
                    entity: 'settings',
                    entityId: 'haocha',
                    after: request.body,
                  }),
              );
              void tick();
              return settings();
            },
          );
          app.get<{ Params: { hallId: string }; Querystring: Static<typeof OutboxQuery> }>(
            '/api/haocha/halls/:hallId/outbox',
            {
              schema: {
                tags: ['haocha'],
                summary: '好差评 pushes of a hall: how many are pending, sent and failed, and the latest',
                querystring: OutboxQuery,
                security: bearer,
              },
            },
            async (request) => {
              const user = requireUser(request, ['manager', 'admin']);
              assertInHall(user, request.params.hallId);
              return { counts: await outbox.counts(request.params.hallId), recent: await outbox.recent(request.params.hallId, request.query.status ?? '', 50) };
            },
          );
        },
        async start() {
          for (const h of await ctx.store.halls.halls()) await push.catchUp(h.id);
          timer = setInterval(() => void tick(), opts.dispatchEveryMs ?? 5000).unref();
          void tick();
        },
        async close() {
          closed = true;
          unsubscribe();
          if (timer) clearInterval(timer);
          await running;
        },
      };
    },
  };
}
