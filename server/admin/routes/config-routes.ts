import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { portChoices } from '../../../drivers/bus/port-finder.js';
import { auditNames } from '../../app/audit-names.js';
import { requireUser } from '../../http/auth-hook.js';
import { bearer, ErrorSchema, IdParam } from '../../http/schemas.js';
import { assertAdmin, assertConfigures } from '../access.js';
import type { AdminDeps } from '../admin-deps.js';
import { exportConfig } from '../config-export.js';
import { importConfig } from '../config-import.js';
import { hardwareFor, hardwareProtocols, HardwareDocSchema, saveHardware, testHardware } from '../hardware.js';
import * as S from '../schemas.js';
import { manager } from './hall-routes.js';

const tags = ['admin'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Hardware documents, the whole-config file, and the audit trail. */
export function configRoutes(deps: AdminDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/api/admin/hardware',
      {
        schema: {
          tags,
          summary: 'Serial buses and addressed hardware (LED boards, keypads, evaluators, printers, voice zones)',
          security: bearer,
          response: { 200: S.AnyObject, ...errors },
        },
      },
      async (request) => {
        return await hardwareFor(deps, requireUser(request, manager));
      },
    );
    app.get(
      '/api/admin/hardware/protocols',
      {
        schema: {
          tags,
          summary: 'The device protocols hardware[].protocol may name: kinds driven, transports, address range, models, board fields',
          security: bearer,
          response: { 200: S.AnyObject, ...errors },
        },
      },
      async (request) => {
        requireUser(request, manager);
        return hardwareProtocols();
      },
    );
    app.get(
      '/api/admin/hardware/ports',
      {
        schema: {
          tags,
          summary: "The serial ports this server's machine lists (SerialPort.list()), for buses[].port: admin",
          security: bearer,
          response: {
            200: Type.Array(Type.Object({ path: Type.String(), serialNumber: Type.Optional(Type.String()), manufacturer: Type.Optional(Type.String()) })),
            ...errors,
          },
        },
      },
      async (request) => {
        assertAdmin(requireUser(request, manager));
        return portChoices();
      },
    );
    app.put<{ Body: Static<typeof HardwareDocSchema> }>(
      '/api/admin/hardware',
      {
        schema: {
          tags,
          summary: 'Replace the buses and hardware lists (the config file sections): admin',
          body: HardwareDocSchema,
          security: bearer,
          response: { 200: S.AnyObject, ...errors },
        },
      },
      async (request) => await saveHardware(deps, requireUser(request, manager), request.body),
    );
    app.post<{ Params: { hardwareId: string } }>(
      '/api/admin/hardware/:hardwareId/test',
      {
        schema: {
          tags,
          summary: 'Light a board, print a test ticket or speak a test line (event device.test for the device host)',
          params: IdParam('hardwareId'),
          security: bearer,
          response: { 200: Type.Object({ hardwareId: Type.String(), hallId: Type.String() }), ...errors },
        },
      },
      async (request) => await testHardware(deps, requireUser(request, manager), request.params.hardwareId),
    );

    app.get(
      '/api/admin/config/export',
      {
        schema: {
          tags,
          summary: 'The whole configuration as a config file (no passwords, no tokens): admin',
          security: bearer,
          response: { 200: S.AnyObject, ...errors },
        },
      },
      async (request, reply) => {
        assertAdmin(requireUser(request, manager));
        reply.header('content-disposition', 'attachment; filename="hall-config.json"');
        return await exportConfig(deps);
      },
    );
    app.post<{ Querystring: Static<typeof S.ImportQuery> }>(
      '/api/admin/config/import',
      {
        schema: {
          tags,
          security: bearer,
          querystring: S.ImportQuery,
          body: Type.Object(
            {},
            {
              additionalProperties: true,
              description: 'a config file (docs/en/configuration.md); staff and devices already in the database may leave out password and token',
            },
          ),
          summary: 'Validate a config file and show the diff; ?apply=true writes it (admin). Nothing is written without apply.',
          response: { 200: S.ImportAnswer, ...errors },
        },
        bodyLimit: 8 * 1024 * 1024,
      },
      async (request) => await importConfig(deps, requireUser(request, manager), request.body, request.query.apply === 'true'),
    );

    app.get<{ Querystring: Static<typeof S.AuditQuery> }>(
      '/api/admin/audit',
      {
        schema: {
          tags,
          summary: 'Recent configuration and queue audit entries (who, when, before/after)',
          querystring: S.AuditQuery,
          security: bearer,
          response: { 200: Type.Array(S.AnyObject), ...errors },
        },
      },
      async (request) => {
        const actor = requireUser(request, manager);
        const { hallId, entity, limit } = request.query;
        if (hallId) assertConfigures(actor, hallId);
        // a manager without a hall filter sees their own hall's entries only
        const scope = hallId ?? (actor.role === 'admin' ? undefined : (actor.hallId ?? '-'));
        return await Promise.all(
          (await deps.people.audit({ hallId: scope, entity, limit: Number(limit ?? 100) })).map(async (r) => ({
            ...r,
            ...(await auditNames(deps.ctx.store, r)),
          })),
        );
      },
    );
  };
}
