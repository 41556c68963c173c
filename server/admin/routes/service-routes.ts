import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../http/auth-hook.js';
import { bearer, ErrorSchema, IdParam } from '../../http/schemas.js';
import type { AdminDeps } from '../admin-deps.js';
import { createService, deleteService, updateService } from '../services.js';
import { createWindow, deleteWindow, updateWindow } from '../windows.js';
import * as S from '../schemas.js';
import { manager } from './hall-routes.js';

const tags = ['admin'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Services (事项) and windows (窗口): the two things a hall changes most. */
export function serviceRoutes(deps: AdminDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    type ServiceParams = { Params: { serviceId: string } };
    const serviceParams = IdParam('serviceId');
    app.post<{ Body: Static<typeof S.ServiceBody> }>(
      '/api/admin/services',
      {
        schema: {
          tags,
          summary: 'Add a service; its prefix must be unique in the hall (409 PREFIX_IN_USE)',
          body: S.ServiceBody,
          security: bearer,
          response: { 201: S.ServiceAnswer, ...errors },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return await createService(deps, requireUser(request, manager), request.body);
      },
    );
    app.patch<ServiceParams & { Body: Static<typeof S.ServicePatch> }>(
      '/api/admin/services/:serviceId',
      {
        schema: {
          tags,
          summary: 'Change a service (name, prefix, department, norm minutes, enabled, materials, position)',
          params: serviceParams,
          body: S.ServicePatch,
          security: bearer,
          response: { 200: S.ServiceAnswer, ...errors },
        },
      },
      async (request) => await updateService(deps, requireUser(request, manager), request.params.serviceId, request.body),
    );
    app.delete<ServiceParams>(
      '/api/admin/services/:serviceId',
      {
        schema: {
          tags,
          summary: 'Remove a service that never had tickets; 409 SERVICE_HAS_WAITING / SERVICE_HAS_HISTORY: disable it instead',
          params: serviceParams,
          security: bearer,
          response: { 200: S.Ok, ...errors },
        },
      },
      async (request) => {
        await deleteService(deps, requireUser(request, manager), request.params.serviceId);
        return { ok: true as const };
      },
    );

    type WindowParams = { Params: { windowId: string } };
    const windowParams = IdParam('windowId');
    app.post<{ Body: Static<typeof S.WindowBody> }>(
      '/api/admin/windows',
      {
        schema: {
          tags,
          summary: 'Add a window with its ordered services and A岗/B岗 staff',
          body: S.WindowBody,
          security: bearer,
          response: { 201: S.WindowAnswer, ...errors },
        },
      },
      async (request, reply) => {
        reply.status(201);
        return await createWindow(deps, requireUser(request, manager), request.body);
      },
    );
    app.patch<WindowParams & { Body: Static<typeof S.WindowPatch> }>(
      '/api/admin/windows/:windowId',
      {
        schema: {
          tags,
          summary: 'Change a window; it cannot lose the service of the ticket it is handling (409 SERVICE_IN_USE)',
          params: windowParams,
          body: S.WindowPatch,
          security: bearer,
          response: { 200: S.WindowAnswer, ...errors },
        },
      },
      async (request) => await updateWindow(deps, requireUser(request, manager), request.params.windowId, request.body),
    );
    app.delete<WindowParams>(
      '/api/admin/windows/:windowId',
      { schema: { tags, summary: 'Remove a closed window', params: windowParams, security: bearer, response: { 200: S.Ok, ...errors } } },
      async (request) => {
        await deleteWindow(deps, requireUser(request, manager), request.params.windowId);
        return { ok: true as const };
      },
    );
  };
}
