import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall, isManagerOf } from '../app/actor.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import { requireUser } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import { appointmentDto } from './appointment-dto.js';
import { book } from './book.js';
import { appointmentByCode, cancelAppointment, checkIn } from './check-in.js';
import { BookingGuards } from './booking-guards.js';
import { hallOf, rulesOf, serviceOf, type AppointmentDeps } from './deps.js';
import type { Appointment } from './model.js';
import type { PhoneConfirmation } from './phone-codes.js';
import { slotsFor } from './slots-view.js';
import { doorCodeFor } from './door-code.js';

/** the language of the booking's messages (the page's language) */
const Lang = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const BookBody = Type.Object(
  {
    serviceId: Type.String({ minLength: 1, maxLength: 64 }),
    start: Type.String({ minLength: 10, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    phone: Type.String({ minLength: 1, maxLength: 32 }),
    idNumber: Type.Optional(Type.String({ maxLength: 32 })),
    channel: Type.Union([Type.Literal('online'), Type.Literal('phone'), Type.Literal('onsite')]),
    phoneCode: Type.Optional(Type.String({ minLength: 4, maxLength: 8 })),
    lang: Type.Optional(Lang),
  },
  { additionalProperties: false },
);

const CodeParams = Type.Object({ code: Type.String({ minLength: 4, maxLength: 16 }) });
const HolderQuery = Type.Object({ phoneLast4: Type.Optional(Type.String({ pattern: '^\\d{4}$' })) });
const PhoneCodeBody = Type.Object({ phone: Type.String({ minLength: 1, maxLength: 32 }), lang: Type.Optional(Lang) }, { additionalProperties: false });

/**
 * The booking a code names, for its holder: the code and the phone's last 4 digits (a code
 * alone is a guess away); managers of its hall need neither.
 */
async function holderOrManager(
  deps: AppointmentDeps,
  principal: Principal | null,
  code: string,
  phoneLast4: string | undefined,
): Promise<{ a: Appointment; viewer: 'holder' | Principal }> {
  if (principal && principal.type === 'user' && principal.role !== 'staff') {
    const a = await appointmentByCode(deps, code);
    if (isManagerOf(principal, a.hallId)) return { a, viewer: principal };
  }
  if (!phoneLast4) throw new DomainError('PHONE_LAST4_REQUIRED', "phoneLast4: give the last 4 digits of the booking's phone number");
  const a = await deps.appointments.byCode(code.trim().toUpperCase());
  if (!a || a.phone.length < 4 || !a.phone.endsWith(phoneLast4)) throw new DomainError('NOT_FOUND', `预约码 ${code} 不存在或手机号后四位不符`);
  return { a, viewer: 'holder' };
}
const DateQuery = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });

/** Booking, lookup, cancel and check-in (docs/en/api.md "Appointments and calendar"). */
export function bookingRoutes(deps: AppointmentDeps, phones: PhoneConfirmation) {
  const guards = new BookingGuards(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.post<{ Params: { hallId: string }; Body: Static<typeof PhoneCodeBody> }>(
      '/api/halls/:hallId/phone-codes',
      {
        schema: {
          tags: ['appointments'],
          summary: 'Text a 6-digit code to a mobile number; an online booking gives it back as phoneCode',
          body: PhoneCodeBody,
        },
      },
      async (request, reply) => {
        guards.bookingAction(request);
        return reply.status(201).send(await phones.send(request.params.hallId, request.body.phone, request.body.lang));
      },
    );

    app.get<{ Params: { hallId: string; serviceId: string }; Querystring: Static<typeof DateQuery> }>(
      '/api/halls/:hallId/services/:serviceId/slots',
      {
        schema: { tags: ['appointments'], summary: 'Slots of a service on a date, with capacity and places booked', querystring: DateQuery },
      },
      async (request) => {
        const service = await serviceOf(deps, request.params.serviceId);
        if (service.hallId !== request.params.hallId) throw new DomainError('NOT_FOUND', `service ${service.id} is not in hall ${request.params.hallId}`);
        return await slotsFor(deps, service.id, request.query.date);
      },
    );

    app.get<{ Params: { hallId: string } }>(
      '/api/halls/:hallId/booking',
      {
        schema: { tags: ['appointments'], summary: 'What the booking page needs: bookable services with their 一次性告知 materials' },
      },
      async (request) => {
        const hall = await hallOf(deps, request.params.hallId);
        const departments = new Map((await deps.ctx.store.halls.departments()).map((d) => [d.id, d.name]));
        const services = (await deps.ctx.store.halls.services(hall.id)).filter((s) => s.enabled);
        return {
          hallId: hall.id,
          hallName: hall.name,
          ...(hall.nameEn ? { hallNameEn: hall.nameEn } : {}),
          hallAddress: hall.address ?? '',
          timezone: hall.timezone,
          bookingDaysAhead: (await rulesOf(deps, hall.id)).bookingDaysAhead,
          today: localTime(deps.ctx.clock.now(), hall.timezone).date,
          services: services.map((s) => ({
            id: s.id,
            name: s.name,
            departmentId: s.departmentId,
            departmentName: departments.get(s.departmentId) ?? '',
            materials: s.materials,
          })),
        };
      },
    );

    app.post<{ Body: Static<typeof BookBody> }>(
      '/api/appointments',
      {
        schema: {
          tags: ['appointments'],
          summary: 'Book a slot (online: anyone, with the SMS phoneCode; phone/onsite: staff)',
          body: BookBody,
          security: bearer,
        },
      },
      async (request, reply) => {
        guards.bookingAction(request);
        const a = await book(deps, request.principal, request.body, phones);
        return reply.status(201).send(await appointmentDto(deps, a, 'holder'));
      },
    );

    type ByCode = { Params: Static<typeof CodeParams>; Querystring: Static<typeof HolderQuery> };
    app.get<ByCode>(
      '/api/appointments/:code',
      {
        schema: {
          tags: ['appointments'],
          summary: "Look up a booking: its code and the phone's last 4 digits (masked data), or a manager",
          params: CodeParams,
          querystring: HolderQuery,
        },
      },
      async (request) => {
        guards.codeLookup(request);
        const { a, viewer } = await holderOrManager(deps, request.principal, request.params.code, request.query.phoneLast4);
        return await appointmentDto(deps, a, viewer);
      },
    );

    app.delete<ByCode>(
      '/api/appointments/:code',
      {
        schema: {
          tags: ['appointments'],
          summary: "Cancel a booking: its code and the phone's last 4 digits, or a manager",
          params: CodeParams,
          querystring: HolderQuery,
        },
      },
      async (request) => {
        guards.codeLookup(request);
        guards.bookingAction(request);
        const { a, viewer } = await holderOrManager(deps, request.principal, request.params.code, request.query.phoneLast4);
        return await appointmentDto(deps, await cancelAppointment(deps, a.code), viewer);
      },
    );

    app.post<{ Params: Static<typeof CodeParams> }>(
      '/api/appointments/:code/check-in',
      {
        schema: {
          tags: ['appointments'],
          params: CodeParams,
          security: bearer,
          summary: "Check in: kiosk, staff, or the holder's phone by the booking link with {doorCode} (the code on the hall's board)",
        },
      },
      async (request, reply) => {
        guards.codeLookup(request);
        // a kiosk posts no body; the phone's body is {doorCode}, checked by the use-case
        const doorCode = (request.body as { doorCode?: unknown } | null | undefined)?.doorCode;
        const { ticket, appointment } = await checkIn(deps, request.principal, request.params.code, doorCode);
        return reply.status(201).send({ ticket, appointment: await appointmentDto(deps, appointment, request.principal ?? 'holder') });
      },
    );

    app.get<{ Params: { hallId: string } }>(
      '/api/halls/:hallId/door-code',
      {
        schema: { tags: ['appointments'], summary: "The rotating door code the hall's board shows (its boards, kiosks and staff only)", security: bearer },
      },
      async (request) => {
        if (!request.principal) throw new DomainError('UNAUTHORIZED', "a board's or kiosk's token, or a staff login");
        return await doorCodeFor(deps, request.principal, request.params.hallId);
      },
    );

    app.get<{ Params: { hallId: string }; Querystring: Static<typeof DateQuery> }>(
      '/api/halls/:hallId/appointments',
      {
        schema: { tags: ['appointments'], summary: "The day's bookings (staff: phone masked; managers: in clear)", querystring: DateQuery, security: bearer },
      },
      async (request) => {
        const user = requireUser(request);
        const hall = await hallOf(deps, request.params.hallId);
        assertInHall(user, hall.id);
        const from = new Date(`${request.query.date}T00:00:00Z`).getTime() - 14 * 3600_000;
        const list = await deps.appointments.inRange(hall.id, new Date(from).toISOString(), new Date(from + 38 * 3600_000).toISOString());
        return await Promise.all(
          list.filter((a) => localDate(a.slotStart, hall.timezone) === request.query.date).map(async (a) => await appointmentDto(deps, a, user)),
        );
      },
    );
  };
}

const localDate = (iso: string, timeZone: string) => localTime(new Date(iso), timeZone).date;
