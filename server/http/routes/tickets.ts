import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall } from '../../app/actor.js';
import { monotonicMs, type AppContext } from '../../app/context.js';
import { toTicketDto } from '../../app/dto-mapping.js';
import { evaluateTicket } from '../../app/evaluate.js';
import { IssueBatcher } from '../../app/issue-batcher.js';
import { ticketStatus } from '../../app/snapshot.js';
import { cancelTicket, restoreTicket } from '../../app/ticket-actions.js';
import { DomainError } from '../../domain/errors.js';
import { requirePrincipal, requireUser, requireUserOrDevice } from '../auth-hook.js';
import { KioskRateLimiter } from '../kiosk-rate-limit.js';
import { bearer, IdParam } from '../schemas.js';

const IssueBody = Type.Object(
  {
    serviceId: Type.String({ minLength: 1, maxLength: 64 }),
    priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('priority')])),
    appointmentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false },
);

const EvaluationBody = Type.Object(
  {
    level: Type.Integer({ minimum: 1, maximum: 5 }),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 10 })),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    /** for a bad review: a phone number for the callback (optional) */
    contact: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+() -]*$' })),
    /** staff only: the visitor gave this rating on the phone (电话回访) */
    phoneCallback: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) });
const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

type TicketParams = { Params: { id: string } };

export async function ticketRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const limiter = new KioskRateLimiter();
  const batcher = new IssueBatcher(ctx);
  const params = IdParam('id');

  app.post<{ Body: Static<typeof IssueBody> }>(
    '/api/tickets',
    {
      schema: { tags: ['tickets'], summary: "Take a ticket (kiosk, or staff on a visitor's behalf)", body: IssueBody, security: bearer },
    },
    async (request, reply) => {
      const actor = requireUserOrDevice(request, ['kiosk', 'agent']);
      if (request.body.appointmentCode) {
        // the contract's `appointmentCode` is the appointments feature's check-in, when it runs
        if (!app.hasRoute({ method: 'POST', url: '/api/appointments/:code/check-in' })) {
          throw new DomainError('APPOINTMENTS_DISABLED', 'appointments are not enabled on this server');
        }
        const answer = await app.inject({
          method: 'POST',
          url: `/api/appointments/${encodeURIComponent(request.body.appointmentCode)}/check-in`,
          headers: { authorization: `Bearer ${request.bearerToken ?? ''}` },
        });
        const body = answer.json() as { ticket?: unknown };
        return reply.status(answer.statusCode).send(answer.statusCode === 201 ? body.ticket : body);
      }
      if (actor.type === 'device' && actor.kind === 'kiosk') {
        const hall = await ctx.store.halls.hall(actor.hallId);
        limiter.check(actor.id, hall?.policy.ticketsPerKioskPerMinute ?? 30, monotonicMs(ctx.clock));
      }
      const ticket = await batcher.issue(actor, { serviceId: request.body.serviceId, ...(request.body.priority ? { priority: request.body.priority } : {}) });
      return reply.status(201).send(ticket);
    },
  );

  app.get<TicketParams>(
    '/api/tickets/:id',
    {
      schema: { tags: ['tickets'], summary: 'A ticket in full (staff)', params, security: bearer },
    },
    async (request) => {
      const user = requireUser(request);
      const t = await ctx.store.tickets.get(request.params.id);
      if (!t) throw new DomainError('NOT_FOUND', `ticket ${request.params.id} does not exist`);
      assertInHall(user, t.hallId);
      return await toTicketDto(ctx, t);
    },
  );

  app.get<TicketParams & { Querystring: Static<typeof TokenQuery> }>(
    '/api/tickets/:id/status',
    {
      schema: { tags: ['tickets'], summary: "The visitor's view of their ticket (token from the QR code)", params, querystring: TokenQuery },
    },
    async (request) => {
      if (!request.query.token) throw new DomainError('UNAUTHORIZED', 'token is required');
      return await ticketStatus(ctx, request.params.id, request.query.token);
    },
  );

  app.post<TicketParams & { Body: Static<typeof EvaluationBody>; Querystring: Static<typeof TokenQuery> }>(
    '/api/tickets/:id/evaluation',
    {
      schema: {
        tags: ['tickets'],
        summary:
          '好差评: the visitor rates a finished ticket once (5 = 非常满意 … 1 = 非常不满意); staff only record a 电话回访 (phoneCallback), never for their own window',
        params,
        body: EvaluationBody,
        querystring: TokenQuery,
      },
    },
    async (request, reply) => {
      const source = request.query.token
        ? { statusToken: request.query.token }
        : { actor: requirePrincipal(request), phoneCallback: request.body.phoneCallback === true };
      const e = await evaluateTicket(ctx, request.params.id, source, request.body);
      return reply.status(201).send({ ticketId: e.ticketId, level: e.level, tags: e.tags, comment: e.comment, source: e.source, createdAt: e.createdAt });
    },
  );

  app.post<TicketParams & { Body: Static<typeof ReasonBody> }>(
    '/api/tickets/:id/restore',
    {
      schema: { tags: ['tickets'], summary: 'Put a no-show ticket back in the queue (once; audited)', params, body: ReasonBody, security: bearer },
    },
    async (request) => ({ ticket: await restoreTicket(ctx, requireUser(request), request.params.id, request.body.reason) }),
  );

  app.post<TicketParams & { Querystring: Static<typeof TokenQuery> }>(
    '/api/tickets/:id/cancel',
    {
      schema: { tags: ['tickets'], summary: 'Cancel a waiting ticket (its holder with the token, or staff)', params, querystring: TokenQuery },
    },
    async (request) => ({
      ticket: await cancelTicket(ctx, request.params.id, {
        ...(request.principal ? { actor: request.principal } : {}),
        ...(request.query.token ? { statusToken: request.query.token } : {}),
      }),
    }),
  );
}
