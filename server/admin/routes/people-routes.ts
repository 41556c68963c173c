import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { assertInHall } from '../../app/actor.js';
import { requirePrincipal, requireUser } from '../../http/auth-hook.js';
import { bearer, ErrorSchema, IdParam } from '../../http/schemas.js';
import type { AdminDeps } from '../admin-deps.js';
import { createDevice, deleteDevice, listDevices, revokeDevice, rotateDeviceToken, updateDevice } from '../devices.js';
import { createStaff, loadStaff, resetPassword, setPhoto, staffConfig, updateStaff } from '../staff.js';
import { assertConfigures, notFound, visibleHallIds } from '../access.js';
import * as S from '../schemas.js';
import { manager } from './hall-routes.js';

const tags = ['admin'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
type StaffParams = { Params: { staffId: string } };
type DeviceParams = { Params: { deviceId: string } };

/** Staff (name, employee no, role, windows, photo, password, disable) and devices (tokens). */
export function peopleRoutes(deps: AdminDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    staffRoutes(app, deps);
    deviceRoutes(app, deps);
  };
}

function staffRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const params = IdParam('staffId');
  app.get(
    '/api/admin/staff',
    { schema: { tags, summary: 'Staff this person may manage (admin: everyone)', security: bearer, response: { 200: Type.Array(S.StaffAnswer), ...errors } } },
    async (request) => {
      const actor = requireUser(request, manager);
      const halls = visibleHallIds(
        actor,
        (await deps.halls.halls()).map((h) => h.id),
      );
      return await Promise.all(
        (await deps.ctx.store.staff.all())
          .filter((s) => actor.role === 'admin' || (s.hallId !== null && halls.includes(s.hallId)))
          .map(async (s) => await staffConfig(deps, s)),
      );
    },
  );
  app.post<{ Body: Static<typeof S.StaffBody> }>(
    '/api/admin/staff',
    {
      schema: {
        tags,
        summary: 'Add a person; only an admin adds managers and admins',
        body: S.StaffBody,
        security: bearer,
        response: { 201: S.StaffAnswer, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return await createStaff(deps, requireUser(request, manager), request.body);
    },
  );
  app.patch<StaffParams & { Body: Static<typeof S.StaffPatch> }>(
    '/api/admin/staff/:staffId',
    {
      schema: {
        tags,
        summary: 'Change a person (windows as A岗/B岗, role, enabled: false logs them out at once)',
        params,
        body: S.StaffPatch,
        security: bearer,
        response: { 200: S.StaffAnswer, ...errors },
      },
    },
    async (request) => await updateStaff(deps, requireUser(request, manager), request.params.staffId, request.body),
  );
  app.post<StaffParams & { Body: Static<typeof S.PasswordBody> }>(
    '/api/admin/staff/:staffId/password',
    {
      schema: {
        tags,
        summary: "Reset a person's password (ends their sessions)",
        params,
        body: S.PasswordBody,
        security: bearer,
        response: { 200: S.Ok, ...errors },
      },
    },
    async (request) => {
      await resetPassword(deps, requireUser(request, manager), request.params.staffId, request.body.password);
      return { ok: true as const };
    },
  );
  app.put<StaffParams & { Body: Static<typeof S.PhotoBody> }>(
    '/api/admin/staff/:staffId/photo',
    {
      schema: {
        tags,
        summary: 'Set or remove the photo shown at the window (data URL, ≤ 150 KB)',
        params,
        body: S.PhotoBody,
        security: bearer,
        response: { 200: S.Ok, ...errors },
      },
    },
    async (request) => {
      await setPhoto(deps, requireUser(request, manager), request.params.staffId, request.body.photo);
      return { ok: true as const };
    },
  );
  app.get<StaffParams>(
    '/api/admin/staff/:staffId/photo',
    { schema: { tags, summary: 'The photo as an image', params, security: bearer } },
    async (request, reply) => {
      const actor = requireUser(request, manager);
      const s = await loadStaff(deps, request.params.staffId);
      if (s.hallId) assertConfigures(actor, s.hallId);
      return sendPhoto(deps, s.id, reply);
    },
  );
  // 工作人员身份公开: the window board and the console of the same hall show the photo too
  app.get<StaffParams>(
    '/api/staff/:staffId/photo',
    { schema: { tags: ['staff'], summary: "A staff member's photo, for boards and consoles of their hall", params, security: bearer } },
    async (request, reply) => {
      const p = requirePrincipal(request);
      const s = await loadStaff(deps, request.params.staffId);
      if (!s.hallId) throw notFound('photo of staff', s.id);
      assertInHall(p, s.hallId);
      return sendPhoto(deps, s.id, reply);
    },
  );
}

async function sendPhoto(deps: AdminDeps, staffId: string, reply: FastifyReply) {
  const url = await deps.people.photo(staffId);
  if (!url) throw notFound('photo of staff', staffId);
  const [head, data] = url.split(',');
  return reply
    .type(head!.slice(5, head!.indexOf(';')))
    .header('cache-control', 'no-cache')
    .send(Buffer.from(data!, 'base64'));
}

function deviceRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const params = IdParam('deviceId');
  app.get(
    '/api/admin/devices',
    { schema: { tags, summary: 'Devices with their last seen time and health', security: bearer, response: { 200: Type.Array(S.AnyObject), ...errors } } },
    async (request) => {
      const actor = requireUser(request, manager);
      return listDevices(
        deps,
        visibleHallIds(
          actor,
          (await deps.halls.halls()).map((h) => h.id),
        ),
      );
    },
  );
  app.post<{ Body: Static<typeof S.DeviceBody> }>(
    '/api/admin/devices',
    {
      schema: {
        tags,
        summary: 'Add a kiosk, display, evaluator or agent; the answer holds its token, shown only once',
        body: S.DeviceBody,
        security: bearer,
        response: { 201: S.DeviceTokenAnswer, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return await createDevice(deps, requireUser(request, manager), request.body);
    },
  );
  app.patch<DeviceParams & { Body: Static<typeof S.DevicePatch> }>(
    '/api/admin/devices/:deviceId',
    {
      schema: {
        tags,
        summary: "Change a device's window or zone",
        params,
        body: S.DevicePatch,
        security: bearer,
        response: { 200: S.DeviceAnswer, ...errors },
      },
    },
    async (request) => await updateDevice(deps, requireUser(request, manager), request.params.deviceId, request.body),
  );
  app.post<DeviceParams>(
    '/api/admin/devices/:deviceId/rotate',
    {
      schema: {
        tags,
        summary: 'A new token (shown once); the old one stops working and its sockets drop',
        params,
        security: bearer,
        response: { 200: S.DeviceTokenAnswer, ...errors },
      },
    },
    async (request) => await rotateDeviceToken(deps, requireUser(request, manager), request.params.deviceId),
  );
  app.post<DeviceParams>(
    '/api/admin/devices/:deviceId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke the token: HTTP calls get 401, open sockets are dropped at once',
        params,
        security: bearer,
        response: { 200: S.DeviceAnswer, ...errors },
      },
    },
    async (request) => await revokeDevice(deps, requireUser(request, manager), request.params.deviceId),
  );
  app.delete<DeviceParams>(
    '/api/admin/devices/:deviceId',
    { schema: { tags, summary: 'Remove a device', params, security: bearer, response: { 200: S.Ok, ...errors } } },
    async (request) => {
      await deleteDevice(deps, requireUser(request, manager), request.params.deviceId);
      return { ok: true as const };
    },
  );
}
