import type { FastifyInstance } from 'fastify';
import { assertInHall } from '../../app/actor.js';
import type { AppContext } from '../../app/context.js';
import { buildSnapshot, listServices, loadHall } from '../../app/snapshot.js';
import { hallOpenState } from '../../app/hall-calendar.js';
import { requirePrincipal } from '../auth-hook.js';
import { bearer, IdParam } from '../schemas.js';

type HallParams = { Params: { hallId: string } };

export async function hallRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const params = IdParam('hallId');

  app.get<HallParams>(
    '/api/halls/:hallId',
    {
      schema: { tags: ['halls'], summary: 'Hall facts the UIs need: names, zones, departments, windows, services, notice', params, security: bearer },
    },
    async (request) => {
      const p = requirePrincipal(request);
      const hall = await loadHall(ctx, request.params.hallId);
      assertInHall(p, hall.id);
      const services = await ctx.store.halls.services(hall.id);
      const departmentIds = new Set(services.map((s) => s.departmentId));
      return {
        id: hall.id,
        name: hall.name,
        ...(hall.nameEn ? { nameEn: hall.nameEn } : {}),
        timezone: hall.timezone,
        notice: hall.notice,
        hours: hall.hours,
        open: await hallOpenState(ctx, hall, ctx.clock.now()),
        zones: await ctx.store.halls.zones(hall.id),
        departments: (await ctx.store.halls.departments()).filter((d) => departmentIds.has(d.id)),
        services: services.map((s) => ({
          id: s.id,
          name: s.name,
          ...(s.nameEn ? { nameEn: s.nameEn } : {}),
          prefix: s.prefix,
          departmentId: s.departmentId,
          enabled: s.enabled,
          avgServiceMinutes: s.avgServiceMinutes,
        })),
        windows: (await ctx.store.halls.windows(hall.id)).map((w) => ({
          id: w.id,
          number: w.number,
          name: w.name,
          zoneId: w.zoneId,
          serviceIds: w.serviceIds,
        })),
        features: { appointments: app.hasRoute({ method: 'POST', url: '/api/appointments/:code/check-in' }) },
        policy: { voiceTemplate: hall.policy.voiceTemplate, waitAlertMinutes: hall.policy.waitAlertMinutes },
      };
    },
  );

  app.get<HallParams>(
    '/api/halls/:hallId/services',
    {
      schema: { tags: ['halls'], summary: 'Services with waiting count, estimated wait and whether they can be taken now', params, security: bearer },
    },
    async (request) => {
      const p = requirePrincipal(request);
      assertInHall(p, (await loadHall(ctx, request.params.hallId)).id);
      return await listServices(ctx, request.params.hallId);
    },
  );

  app.get<HallParams>(
    '/api/halls/:hallId/snapshot',
    {
      schema: { tags: ['halls'], summary: 'The whole visible state of the hall and the seq it is valid at', params, security: bearer },
    },
    async (request) => {
      const p = requirePrincipal(request);
      assertInHall(p, (await loadHall(ctx, request.params.hallId)).id);
      return await buildSnapshot(ctx, request.params.hallId);
    },
  );
}
