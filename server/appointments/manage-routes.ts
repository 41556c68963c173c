import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import { calendarView } from './calendar-view.js';
import { hallOf, rulesOf, type AppointmentDeps } from './deps.js';
import {
  addExtendedPeriod,
  assertManager,
  deleteCalendarDay,
  deleteExtendedPeriod,
  liftBar,
  putCalendarDay,
  replaceCalendarYear,
  setWeeklyDaysOff,
  updateRules,
  updateServiceBooking,
} from './manage.js';

const Hall = Type.Object({ hallId: Type.String({ minLength: 1, maxLength: 64 }) });
const DayBody = Type.Object(
  { kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]), name: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);
const YearBody = Type.Object(
  {
    days: Type.Array(
      Type.Object(
        {
          date: Type.String({ maxLength: 10 }),
          kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
          name: Type.Optional(Type.String({ maxLength: 40 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 120 },
    ),
  },
  { additionalProperties: false },
);
const ExtendedBody = Type.Object(
  {
    on: Type.String({ minLength: 1, maxLength: 10 }),
    from: Type.String({ maxLength: 5 }),
    to: Type.String({ maxLength: 5 }),
    note: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const Minutes = Type.Integer({ minimum: 0, maximum: 3650 });
const RulesBody = Type.Partial(
  Type.Object({
    checkInBeforeMinutes: Minutes,
    checkInAfterMinutes: Minutes,
    noShowLimit: Type.Integer({ minimum: 1, maximum: 100 }),
    noShowPeriodDays: Minutes,
    barDays: Minutes,
    bookingDaysAhead: Type.Integer({ minimum: 0, maximum: 365 }),
    retentionDays: Minutes,
    reminderMinutesBefore: Type.Array(Type.Integer({ minimum: 1, maximum: 10080 }), { maxItems: 5 }),
    turnSoonAhead: Type.Integer({ minimum: 0, maximum: 50 }),
    webhookUrl: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    confirmPhone: Type.Boolean(),
    doorCodeMinutes: Type.Integer({ minimum: 1, maximum: 60 }),
    idRequired: Type.Union([Type.Literal('new-phones'), Type.Literal('always'), Type.Literal('never')]),
  }),
  { additionalProperties: false },
);
const ServiceBody = Type.Object(
  {
    slotMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
    capacityPerWindow: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    materials: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const CalendarQuery = Type.Object({ from: Type.Optional(Type.String({ maxLength: 10 })), to: Type.Optional(Type.String({ maxLength: 10 })) });

/** The working calendar (read: anyone, e.g. the kiosk; edit: managers), rules, service settings, bars. */
export function manageRoutes(deps: AppointmentDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const tags = ['appointments'];
    app.get<{ Params: Static<typeof Hall>; Querystring: Static<typeof CalendarQuery> }>(
      '/api/halls/:hallId/calendar',
      {
        schema: { tags, summary: 'Hours day by day (holidays, 调休, extended periods) and the next walk-in opening', params: Hall, querystring: CalendarQuery },
      },
      async (request) => await calendarView(deps, request.params.hallId, request.query.from, request.query.to),
    );

    app.put<{ Params: Static<typeof Hall> & { date: string }; Body: Static<typeof DayBody> }>(
      '/api/halls/:hallId/calendar/days/:date',
      {
        schema: { tags, summary: 'Mark a date a public holiday or a swapped working day (调休) — manager', body: DayBody, security: bearer },
      },
      async (request, reply) => {
        await putCalendarDay(deps, requireUser(request), request.params.hallId, {
          date: request.params.date,
          kind: request.body.kind,
          name: request.body.name ?? '',
        });
        return reply.status(204).send();
      },
    );

    app.put<{ Params: Static<typeof Hall> & { year: string }; Body: Static<typeof YearBody> }>(
      '/api/halls/:hallId/calendar/years/:year',
      {
        schema: { tags, summary: "Replace a year's holidays and swapped working days at once — manager", body: YearBody, security: bearer },
      },
      async (request, reply) => {
        const days = request.body.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? '' }));
        await replaceCalendarYear(deps, requireUser(request), request.params.hallId, request.params.year, days);
        return reply.status(204).send();
      },
    );

    app.delete<{ Params: Static<typeof Hall> & { date: string } }>(
      '/api/halls/:hallId/calendar/days/:date',
      {
        schema: { tags, summary: 'Remove a holiday or swapped day — manager', security: bearer },
      },
      async (request, reply) => {
        await deleteCalendarDay(deps, requireUser(request), request.params.hallId, request.params.date);
        return reply.status(204).send();
      },
    );

    app.put<{ Params: Static<typeof Hall>; Body: { daysOff: number[] } }>(
      '/api/halls/:hallId/calendar/weekly',
      {
        schema: {
          tags,
          summary: 'Weekly days off (0 = Sunday … 6 = Saturday) — manager',
          body: Type.Object({ daysOff: Type.Array(Type.Integer(), { maxItems: 7 }) }, { additionalProperties: false }),
          security: bearer,
        },
      },
      async (request, reply) => {
        await setWeeklyDaysOff(deps, requireUser(request), request.params.hallId, request.body.daysOff);
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof Hall>; Body: Static<typeof ExtendedBody> }>(
      '/api/halls/:hallId/calendar/extended',
      {
        schema: { tags, summary: 'Add an appointment-only period (延时 · 错时): on "workdays" or a date — manager', body: ExtendedBody, security: bearer },
      },
      async (request, reply) => {
        const p = await addExtendedPeriod(deps, requireUser(request), request.params.hallId, { ...request.body, note: request.body.note ?? '' });
        return reply.status(201).send(p);
      },
    );

    app.delete<{ Params: Static<typeof Hall> & { id: string } }>(
      '/api/halls/:hallId/calendar/extended/:id',
      {
        schema: { tags, summary: 'Remove an extended period — manager', security: bearer },
      },
      async (request, reply) => {
        await deleteExtendedPeriod(deps, requireUser(request), request.params.hallId, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get<{ Params: Static<typeof Hall> }>(
      '/api/halls/:hallId/appointment-rules',
      {
        schema: { tags, summary: "The hall's appointment figures — manager", security: bearer },
      },
      async (request) => {
        assertManager(requireUser(request), (await hallOf(deps, request.params.hallId)).id);
        return await rulesOf(deps, request.params.hallId);
      },
    );

    app.put<{ Params: Static<typeof Hall>; Body: Static<typeof RulesBody> }>(
      '/api/halls/:hallId/appointment-rules',
      {
        schema: {
          tags,
          summary: 'Change appointment figures (check-in window, no-show limit, bar length, retention, webhook) — manager',
          body: RulesBody,
          security: bearer,
        },
      },
      async (request) => await updateRules(deps, requireUser(request), request.params.hallId, request.body),
    );

    app.put<{ Params: { serviceId: string }; Body: Static<typeof ServiceBody> }>(
      '/api/services/:serviceId/booking',
      {
        schema: { tags, summary: 'Slot length, capacity per window and the 一次性告知 materials of a service — manager', body: ServiceBody, security: bearer },
      },
      async (request, reply) => {
        await updateServiceBooking(deps, requireUser(request), request.params.serviceId, request.body);
        return reply.status(204).send();
      },
    );

    app.get<{ Params: Static<typeof Hall> }>(
      '/api/halls/:hallId/appointment-bars',
      {
        schema: { tags, summary: 'People barred from booking now (phone masked) — manager', security: bearer },
      },
      async (request) => {
        assertManager(requireUser(request), (await hallOf(deps, request.params.hallId)).id);
        return (await deps.appointments.activeBars(request.params.hallId, deps.ctx.clock.now().toISOString())).map((b) => ({
          id: b.id,
          phone: b.phoneMasked,
          noShows: b.noShows,
          createdAt: b.createdAt,
          expiresAt: b.expiresAt,
        }));
      },
    );

    app.post<{ Params: { id: string }; Body: { reason: string } }>(
      '/api/appointment-bars/:id/lift',
      {
        schema: {
          tags,
          summary: 'Lift a bar early, with a reason (audited) — manager',
          body: Type.Object({ reason: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
          security: bearer,
        },
      },
      async (request) => {
        const bar = await liftBar(deps, requireUser(request), request.params.id, request.body.reason);
        return { id: bar.id, liftedAt: bar.liftedAt };
      },
    );
  };
}
