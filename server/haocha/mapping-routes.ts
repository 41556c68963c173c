import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall, forbidden, isManagerOf } from '../app/actor.js';
import type { AppContext } from '../app/context.js';
import type { SettingsPort } from '../app/feature-stores.js';
import { DomainError } from '../domain/errors.js';
import { requireUser } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import { DEFAULT_HAOCHA, type HaochaHallMapping, type HaochaSettings } from './payload.js';

const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S(.*\\S)?$' });
export const MappingBody = Type.Object(
  {
    hallCode: Type.Optional(Code),
    services: Type.Optional(Type.Record(Type.String(), Code)),
    windows: Type.Optional(Type.Record(Type.String(), Code)),
  },
  { additionalProperties: false },
);

const HallParams = Type.Object({ hallId: Type.String({ minLength: 1, maxLength: 64 }) });

/** a code for something that is not this hall's would be sent for nothing: refused, naming it */
async function checkMapping(ctx: AppContext, hallId: string, m: HaochaHallMapping): Promise<void> {
  const services = new Set((await ctx.store.halls.services(hallId)).map((s) => s.id));
  const windows = new Set((await ctx.store.halls.windows(hallId)).map((w) => w.id));
  for (const id of Object.keys(m.services ?? {})) if (!services.has(id)) throw new DomainError('VALIDATION', `services.${id}: not a service of hall ${hallId}`);
  for (const id of Object.keys(m.windows ?? {})) if (!windows.has(id)) throw new DomainError('VALIDATION', `windows.${id}: not a window of hall ${hallId}`);
}

/**
 * One hall's codes on the 好差评 platform (机构编码, 事项编码, 窗口编码), read and set by that
 * hall's manager; the endpoint itself stays with the admin (PUT /api/haocha/settings).
 */
export function mappingRoutes(ctx: AppContext, settingsDoc: SettingsPort, onChange: () => void) {
  const settings = () => settingsDoc.get<HaochaSettings>('haocha', DEFAULT_HAOCHA);
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Params: Static<typeof HallParams> }>(
      '/api/haocha/halls/:hallId/mapping',
      {
        schema: {
          tags: ['haocha'],
          summary: "A hall's codes on the 好差评 platform, and whether an endpoint is set — manager",
          params: HallParams,
          security: bearer,
        },
      },
      async (request) => {
        const user = requireUser(request, ['manager', 'admin']);
        assertInHall(user, request.params.hallId);
        const s = await settings();
        return { endpointSet: Boolean(s.url), mapping: s.halls[request.params.hallId] ?? {} };
      },
    );
    app.put<{ Params: Static<typeof HallParams>; Body: Static<typeof MappingBody> }>(
      '/api/haocha/halls/:hallId/mapping',
      {
        schema: {
          tags: ['haocha'],
          summary: "Set a hall's 好差评 codes: hallCode, services {serviceId: 事项编码}, windows {windowId: 窗口编码} — manager",
          params: HallParams,
          body: MappingBody,
          security: bearer,
        },
      },
      async (request) => {
        const user = requireUser(request, ['manager', 'admin']);
        const { hallId } = request.params;
        if (!(await ctx.store.halls.hall(hallId))) throw new DomainError('NOT_FOUND', `hall ${hallId} does not exist`);
        if (!isManagerOf(user, hallId)) throw forbidden('only a manager of this hall may change its 好差评 codes');
        await checkMapping(ctx, hallId, request.body);
        const before = await settings();
        await ctx.store.writeHall(hallId, async (tx) => {
          await settingsDoc.put('haocha', { ...before, halls: { ...before.halls, [hallId]: request.body } });
          await tx.audit.record({
            at: ctx.clock.now().toISOString(),
            hallId,
            actorType: 'user',
            actorId: user.id,
            action: 'haocha.mapping',
            entity: 'hall',
            entityId: hallId,
            before: before.halls[hallId] ?? null,
            after: request.body,
          });
        });
        onChange();
        return { endpointSet: Boolean(before.url), mapping: request.body };
      },
    );
  };
}
