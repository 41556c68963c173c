import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../http/auth-hook.js';
import { bearer, ErrorSchema, IdParam } from '../../http/schemas.js';
import { resolvePolicy } from '../../domain/policy.js';
import { assertConfigures, visibleHallIds } from '../access.js';
import type { AdminDeps } from '../admin-deps.js';
import { deleteDepartment, saveDepartment } from '../departments.js';
import { listDevices } from '../devices.js';
import { createHall, deleteHall, deleteZone, loadHallRecord, saveZone, setPolicy, updateHall } from '../halls.js';
import { staffConfig } from '../staff.js';
import { windowConfig } from '../windows.js';
import * as S from '../schemas.js';

type HallParams = { Params: { hallId: string } };
const tags = ['admin'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
export const manager = ['manager', 'admin'] as const;

/** Everything the console shows for one hall, in one answer. */
async function hallOverview(deps: AdminDeps, hallId: string) {
  const hall = await loadHallRecord(deps, hallId);
  const halls = deps.ctx.store.halls;
  return {
    hall,
    effectivePolicy: resolvePolicy(hall.policy as never),
    zones: await halls.zones(hallId),
    departments: await halls.departments(),
    services: await halls.services(hallId),
    windows: await Promise.all((await halls.windows(hallId)).map(async (w) => ({ ...(await windowConfig(deps, w)), status: w.status }))),
    staff: await Promise.all((await deps.ctx.store.staff.all()).filter((s) => s.hallId === hallId).map(async (s) => await staffConfig(deps, s))),
    devices: await listDevices(deps, [hallId]),
  };
}

export function hallRoutes(deps: AdminDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const hallParams = IdParam('hallId');
    app.get(
      '/api/admin/halls',
      {
        schema: {
          tags,
          summary: 'Halls this person may configure (admin: all, manager: their own)',
          security: bearer,
          response: { 200: Type.Array(S.HallAnswer), ...errors },
        },
      },
      async (request) => {
        const actor = requireUser(request, manager);
        const ids = visibleHallIds(
          actor,
          (await deps.halls.halls()).map((h) => h.id),
        );
        return await Promise.all(
          (await deps.halls.halls()).filter((h) => ids.includes(h.id)).map(async (h) => ({ ...h, zones: await deps.ctx.store.halls.zones(h.id) })),
        );
      },
    );
    app.get<HallParams>(
      '/api/admin/halls/:hallId',
      {
        schema: {
          tags,
          summary: "One hall's whole configuration: zones, departments, services, windows, staff, devices",
          params: hallParams,
          security: bearer,
          response: { 200: S.AnyObject, ...errors },
        },
      },
      async (request) => {
        assertConfigures(requireUser(request, manager), request.params.hallId);
        return await hallOverview(deps, request.params.hallId);
      },
    );
    app.post<{ Body: Static<typeof S.HallBody> }>(
      '/api/admin/halls',
      {
        schema: {
          tags,
          summary: 'Create a hall (主厅/分厅) with its zones: admin',
          body: S.HallBody,
          security: bearer,
          response: { 201: S.HallAnswer, ...errors },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return await createHall(deps, requireUser(request, manager), request.body);
      },
    );
    app.patch<HallParams & { Body: Static<typeof S.HallPatch> }>(
      '/api/admin/halls/:hallId',
      {
        schema: {
          tags,
          summary: 'Rename a hall, change its time zone or opening hours',
          params: hallParams,
          body: S.HallPatch,
          security: bearer,
          response: { 200: S.HallAnswer, ...errors },
        },
      },
      async (request) => await updateHall(deps, requireUser(request, manager), request.params.hallId, request.body),
    );
    app.delete<HallParams>(
      '/api/admin/halls/:hallId',
      { schema: { tags, summary: 'Remove an empty hall: admin', params: hallParams, security: bearer, response: { 200: S.Ok, ...errors } } },
      async (request) => {
        await deleteHall(deps, requireUser(request, manager), request.params.hallId);
        return { ok: true as const };
      },
    );
    app.put<HallParams & { Body: Static<typeof S.NoticeBody> }>(
      '/api/admin/halls/:hallId/notice',
      {
        schema: {
          tags,
          summary: 'The scrolling notice on the boards',
          params: hallParams,
          body: S.NoticeBody,
          security: bearer,
          response: { 200: S.HallAnswer, ...errors },
        },
      },
      async (request) => await updateHall(deps, requireUser(request, manager), request.params.hallId, { notice: request.body.notice }),
    );
    app.put<HallParams & { Body: Static<typeof S.PolicyBody> }>(
      '/api/admin/halls/:hallId/policy',
      {
        schema: {
          tags,
          summary: 'The calling policy (interleave, age limit, voice template, alert marks); unset figures keep their defaults',
          params: hallParams,
          body: S.PolicyBody,
          security: bearer,
          response: { 200: S.HallAnswer, ...errors },
        },
      },
      async (request) => await setPolicy(deps, requireUser(request, manager), request.params.hallId, request.body.policy),
    );
    zoneRoutes(app, deps);
    departmentRoutes(app, deps);
  };
}

function zoneRoutes(app: FastifyInstance, deps: AdminDeps): void {
  type ZoneParams = { Params: { hallId: string; zoneId: string } };
  const params = Type.Object({ hallId: S.Id, zoneId: S.Id });
  app.post<HallParams & { Body: Static<typeof S.ZoneBody> }>(
    '/api/admin/halls/:hallId/zones',
    {
      schema: {
        tags,
        summary: 'Add a zone (floor or waiting area), with its optional English name and the zones announced there',
        params: IdParam('hallId'),
        body: S.ZoneBody,
        security: bearer,
        response: { 201: S.AnyObject, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return await saveZone(deps, requireUser(request, manager), request.params.hallId, request.body, true);
    },
  );
  app.patch<ZoneParams & { Body: Static<typeof S.ZonePatch> }>(
    '/api/admin/halls/:hallId/zones/:zoneId',
    {
      schema: {
        tags,
        summary: 'Rename a zone (Chinese, English) or change the zones whose calls it announces (announceFrom)',
        params,
        body: S.ZonePatch,
        security: bearer,
        response: { 200: S.AnyObject, ...errors },
      },
    },
    async (request) => await saveZone(deps, requireUser(request, manager), request.params.hallId, { ...request.body, id: request.params.zoneId }, false),
  );
  app.delete<ZoneParams>(
    '/api/admin/halls/:hallId/zones/:zoneId',
    { schema: { tags, summary: 'Remove a zone that has no windows', params, security: bearer, response: { 200: S.Ok, ...errors } } },
    async (request) => {
      await deleteZone(deps, requireUser(request, manager), request.params.hallId, request.params.zoneId);
      return { ok: true as const };
    },
  );
}

function departmentRoutes(app: FastifyInstance, deps: AdminDeps): void {
  type DeptParams = { Params: { departmentId: string } };
  const params = IdParam('departmentId');
  app.get('/api/admin/departments', { schema: { tags, summary: 'Departments (进驻部门), shared by all halls', security: bearer } }, async (request) => {
    requireUser(request, manager);
    return await deps.ctx.store.halls.departments();
  });
  app.post<{ Body: Static<typeof S.DepartmentBody> }>(
    '/api/admin/departments',
    { schema: { tags, summary: 'Add a department', body: S.DepartmentBody, security: bearer, response: { 201: S.AnyObject, ...errors } } },
    async (request, reply) => {
      reply.status(201);
      return await saveDepartment(deps, requireUser(request, manager), request.body, true);
    },
  );
  app.patch<DeptParams & { Body: Static<typeof S.DepartmentPatch> }>(
    '/api/admin/departments/:departmentId',
    {
      schema: {
        tags,
        summary: 'Rename a department (Chinese and optional English name)',
        params,
        body: S.DepartmentPatch,
        security: bearer,
        response: { 200: S.AnyObject, ...errors },
      },
    },
    async (request) => await saveDepartment(deps, requireUser(request, manager), { id: request.params.departmentId, ...request.body }, false),
  );
  app.delete<DeptParams>(
    '/api/admin/departments/:departmentId',
    { schema: { tags, summary: 'Remove a department with no services: admin', params, security: bearer, response: { 200: S.Ok, ...errors } } },
    async (request) => {
      await deleteDepartment(deps, requireUser(request, manager), request.params.departmentId);
      return { ok: true as const };
    },
  );
}
