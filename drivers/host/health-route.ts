/** `POST /api/device-host/health`: a device agent reports the health of the hardware it drives. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/app/context.js';
import { reportDeviceHealth } from '../../server/app/device-health.js';
import { requirePrincipal } from '../../server/http/auth-hook.js';
import { bearer } from '../../server/http/schemas.js';
import { DomainError } from '../../server/domain/errors.js';
import type { HardwareConfig } from './hardware.js';

const HealthBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Type.Union([Type.Literal('led'), Type.Literal('keypad'), Type.Literal('evaluator'), Type.Literal('printer'), Type.Literal('voice')]),
    status: Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('degraded')]),
    lastError: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    counters: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Number())),
  },
  { additionalProperties: false },
);

/**
 * Health is accepted only for hardware the server's config gives to this agent (`agentId`):
 * made-up ids would otherwise grow every board's snapshot without bound.
 */
export const deviceHostRoutes =
  (hardwareOf: (agentId: string) => Promise<HardwareConfig[]>) =>
  async (app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> => {
    app.post<{ Body: Static<typeof HealthBody> }>(
      '/api/device-host/health',
      {
        schema: {
          tags: ['devices'],
          summary: "A device agent reports one device's health (→ device.health, snapshot devices)",
          body: HealthBody,
          security: bearer,
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        if (p.type !== 'device' || p.kind !== 'agent') throw new DomainError('FORBIDDEN', 'only a device agent reports hardware health');
        const b = request.body;
        const item = (await hardwareOf(p.id)).find((hw) => hw.id === b.id);
        if (!item) throw new DomainError('NOT_FOUND', `id: hardware ${b.id} is not configured for agent ${p.id} (hardware[].agentId in the server's config)`);
        if (item.kind !== b.kind) throw new DomainError('VALIDATION', `kind: hardware ${b.id} is configured as a ${item.kind}, not a ${b.kind}`);
        await reportDeviceHealth(ctx, {
          hallId: p.hallId,
          id: b.id,
          kind: b.kind,
          status: b.status,
          lastError: b.lastError ?? null,
          ...(b.counters ? { counters: b.counters } : {}),
        });
        return reply.status(204).send();
      },
    );
  };
