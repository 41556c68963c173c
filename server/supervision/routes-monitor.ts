import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertInHall, forbidden, isManagerOf } from '../app/actor.js';
import { auditNames } from '../app/audit-names.js';
import { DomainError } from '../domain/errors.js';
import { requirePrincipal, requireUser } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import { addServiceToWindow } from './balance.js';
import type { SupervisionDeps } from './deps.js';
import { liveMonitor } from './live.js';
import { SupervisionSettings } from './settings.js';
import { zonedMidnight } from './report.js';
import { addDays } from '../domain/working-days.js';

const HallParams = Type.Object({ hallId: Type.String({ minLength: 1, maxLength: 64 }) });
const Note = Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
const tags = ['supervision'];

/**
 * Follow-ups are opened by the aggregator when it counts a bad review, on a short timer: a
 * step on one (by ticket, any hall) first counts what the log holds, as every reader does.
 */
async function followUpsOf(deps: SupervisionDeps): Promise<SupervisionDeps['followUps']> {
  await deps.aggregator.catchUpAll(1);
  return deps.followUps;
}

export function supervisionMonitorRoutes(deps: SupervisionDeps) {
  const { ctx } = deps;
  /** managers of the hall, or the hall's display device (a wall monitor) */
  const viewer = async (request: FastifyRequest, hallId: string) => {
    const p = requirePrincipal(request);
    if (!(await ctx.store.halls.hall(hallId))) throw new DomainError('NOT_FOUND', `hall ${hallId} does not exist`);
    assertInHall(p, hallId);
    if (p.type === 'device' ? p.kind !== 'display' : !isManagerOf(p, hallId)) throw forbidden('the monitor is for managers and display devices');
    return p;
  };
  const manager = async (request: FastifyRequest, hallId: string) => {
    const u = requireUser(request, ['manager', 'admin']);
    if (!(await ctx.store.halls.hall(hallId))) throw new DomainError('NOT_FOUND', `hall ${hallId} does not exist`);
    assertInHall(u, hallId);
    return u;
  };

  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Params: Static<typeof HallParams> }>(
      '/api/supervision/halls/:hallId/live',
      {
        schema: {
          tags,
          summary: "Live monitor: windows, queues, today's totals, devices, alerts, balance suggestions, half-hour chart",
          params: HallParams,
          security: bearer,
        },
      },
      async (request) => {
        await viewer(request, request.params.hallId);
        await deps.aggregator.catchUp(request.params.hallId, 1);
        return await liveMonitor(ctx, deps, request.params.hallId);
      },
    );

    app.post<{ Params: Static<typeof HallParams> }>(
      '/api/supervision/halls/:hallId/alerts/check',
      {
        schema: { tags, summary: 'Run the alert rules now (they also run every few seconds)', params: HallParams, security: bearer },
      },
      async (request) => {
        await manager(request, request.params.hallId);
        await deps.aggregator.catchUp(request.params.hallId, 1);
        const { raised, resolved } = await deps.alerts.check(request.params.hallId);
        return { raised: raised.length, resolved };
      },
    );

    const AlertParams = Type.Object({ alertId: Type.String({ pattern: '^[1-9][0-9]{0,12}$' }) });
    const AckBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
    app.post<{ Params: Static<typeof AlertParams>; Body: Static<typeof AckBody> }>(
      '/api/supervision/alerts/:alertId/acknowledge',
      {
        schema: { tags, summary: 'Acknowledge an alert (who, when, note)', params: AlertParams, body: AckBody, security: bearer },
      },
      async (request) => {
        const a = await deps.alerts.acknowledge(requireUser(request, ['manager', 'admin']), Number(request.params.alertId), request.body.note?.trim() || null);
        return { alert: a };
      },
    );

    const BalanceBody = Type.Object(
      {
        windowId: Type.String({ minLength: 1, maxLength: 64 }),
        serviceId: Type.String({ minLength: 1, maxLength: 64 }),
        reason: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    );
    app.post<{ Params: Static<typeof HallParams>; Body: Static<typeof BalanceBody> }>(
      '/api/supervision/halls/:hallId/balance',
      {
        schema: { tags, summary: 'Apply a balance suggestion: add a service to a window (audited)', params: HallParams, body: BalanceBody, security: bearer },
      },
      async (request) => {
        const u = await manager(request, request.params.hallId);
        return await addServiceToWindow(ctx, deps.repos, u, request.params.hallId, request.body.windowId, request.body.serviceId, request.body.reason ?? '');
      },
    );

    const FollowQuery = Type.Object({ open: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) });
    app.get<{ Params: Static<typeof HallParams>; Querystring: Static<typeof FollowQuery> }>(
      '/api/supervision/halls/:hallId/followups',
      {
        schema: {
          tags,
          summary: '差评整改: bad-review follow-ups with due dates and overdue flags',
          params: HallParams,
          querystring: FollowQuery,
          security: bearer,
        },
      },
      async (request) => {
        await manager(request, request.params.hallId);
        await deps.aggregator.catchUp(request.params.hallId, 1);
        return await deps.followUps.list(request.params.hallId, request.query.open === 'true');
      },
    );

    const TicketParams = Type.Object({ ticketId: Type.String({ minLength: 1, maxLength: 64 }) });
    app.post<{ Params: Static<typeof TicketParams>; Body: Static<typeof Note> }>(
      '/api/supervision/followups/:ticketId/callback',
      {
        schema: { tags, summary: 'Record the callback to the visitor (due within 1 working day)', params: TicketParams, body: Note, security: bearer },
      },
      async (request) => (await followUpsOf(deps)).callback(requireUser(request, ['manager', 'admin']), request.params.ticketId, request.body.note),
    );

    app.post<{ Params: Static<typeof TicketParams>; Body: Static<typeof Note> }>(
      '/api/supervision/followups/:ticketId/rectify',
      {
        schema: { tags, summary: 'Record the rectification (due within 15 working days)', params: TicketParams, body: Note, security: bearer },
      },
      async (request) => (await followUpsOf(deps)).rectify(requireUser(request, ['manager', 'admin']), request.params.ticketId, request.body.note),
    );

    const VisitorQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) });
    app.get<{ Params: Static<typeof TicketParams>; Querystring: Static<typeof VisitorQuery> }>(
      '/api/supervision/followups/:ticketId/visitor',
      {
        schema: {
          tags,
          summary: 'The follow-up of a bad review as its visitor sees it (?token= of the ticket)',
          params: TicketParams,
          querystring: VisitorQuery,
        },
      },
      async (request) => await (await followUpsOf(deps)).forVisitor(request.params.ticketId, request.query.token),
    );

    const RatingBody = Type.Object({ level: Type.Integer() }, { additionalProperties: false });
    const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 128 })) });
    app.post<{ Params: Static<typeof TicketParams>; Body: Static<typeof RatingBody>; Querystring: Static<typeof TokenQuery> }>(
      '/api/supervision/followups/:ticketId/visitor-rating',
      {
        schema: {
          tags,
          summary: "The visitor's one follow-up rating (manager by phone, or ?token= of the ticket)",
          params: TicketParams,
          body: RatingBody,
          querystring: TokenQuery,
        },
      },
      async (request) => {
        const by = request.query.token ? { statusToken: request.query.token } : { actor: requireUser(request, ['manager', 'admin']) };
        return await (await followUpsOf(deps)).visitorRating(by, request.params.ticketId, request.body.level);
      },
    );

    app.get<{ Params: Static<typeof HallParams> }>(
      '/api/supervision/halls/:hallId/score-weights',
      {
        schema: { tags, summary: '百分考核 weights', params: HallParams, security: bearer },
      },
      async (request) => {
        await manager(request, request.params.hallId);
        return await deps.settings.weights(request.params.hallId);
      },
    );

    app.put<{ Params: Static<typeof HallParams>; Body: Record<string, unknown> }>(
      '/api/supervision/halls/:hallId/score-weights',
      {
        schema: {
          tags,
          summary: 'Edit the 百分考核 weights (they must add up to 100; audited)',
          params: HallParams,
          body: Type.Record(Type.String(), Type.Number()),
          security: bearer,
        },
      },
      async (request) => {
        const u = await manager(request, request.params.hallId);
        const before = await deps.settings.weights(request.params.hallId);
        const after = await ctx.store.writeHall(request.params.hallId, async (tx) => {
          const saved = await new SupervisionSettings({ ...ctx, store: tx }, deps.repos.within(tx).records).saveWeights(request.params.hallId, request.body);
          await tx.audit.record({
            at: ctx.clock.now().toISOString(),
            hallId: request.params.hallId,
            actorType: 'user',
            actorId: u.id,
            action: 'config-score-weights',
            entity: 'hall',
            entityId: request.params.hallId,
            before,
            after: saved,
          });
          return saved;
        });
        return after;
      },
    );

    app.get<{ Params: Static<typeof HallParams> }>(
      '/api/supervision/halls/:hallId/alert-settings',
      {
        schema: { tags, summary: 'Alert thresholds and webhook', params: HallParams, security: bearer },
      },
      async (request) => {
        await manager(request, request.params.hallId);
        return await deps.settings.alerts(request.params.hallId);
      },
    );

    app.put<{ Params: Static<typeof HallParams>; Body: Record<string, unknown> }>(
      '/api/supervision/halls/:hallId/alert-settings',
      {
        schema: {
          tags,
          summary: 'Edit alert thresholds and webhook (audited)',
          params: HallParams,
          body: Type.Object({}, { additionalProperties: true }),
          security: bearer,
        },
      },
      async (request) => {
        const u = await manager(request, request.params.hallId);
        const before = await deps.settings.alerts(request.params.hallId);
        return await ctx.store.writeHall(request.params.hallId, async (tx) => {
          const saved = await new SupervisionSettings({ ...ctx, store: tx }, deps.repos.within(tx).records).saveAlerts(request.params.hallId, request.body);
          await tx.audit.record({
            at: ctx.clock.now().toISOString(),
            hallId: request.params.hallId,
            actorType: 'user',
            actorId: u.id,
            action: 'config-alert-settings',
            entity: 'hall',
            entityId: request.params.hallId,
            before,
            after: saved,
          });
          return saved;
        });
      },
    );

    const AuditQuery = Type.Object({ from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });
    app.get<{ Params: Static<typeof HallParams>; Querystring: Static<typeof AuditQuery> }>(
      '/api/supervision/halls/:hallId/audit',
      {
        schema: {
          tags,
          summary: 'Audit trail: every manual override and config change with who, when, why',
          params: HallParams,
          querystring: AuditQuery,
          security: bearer,
        },
      },
      async (request) => {
        await manager(request, request.params.hallId);
        const tz = (await ctx.store.halls.hall(request.params.hallId))!.timezone;
        const { from, to } = request.query;
        if (from > to) throw new DomainError('VALIDATION', 'from must not be after to');
        return await Promise.all(
          (await deps.records.audit(request.params.hallId, zonedMidnight(from, tz), zonedMidnight(addDays(to, 1), tz))).map(
            async ({ beforeJson, afterJson, ...r }) => {
              const facts = {
                ...r,
                before: beforeJson ? (JSON.parse(beforeJson) as unknown) : null,
                after: afterJson ? (JSON.parse(afterJson) as unknown) : null,
              };
              return { ...facts, ...(await auditNames(ctx.store, facts)) };
            },
          ),
        );
      },
    );
  };
}
