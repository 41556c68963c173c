import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertInHall } from '../app/actor.js';
import { DomainError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import { requireUser } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import { appointmentDto } from './appointment-dto.js';
import { book } from './book.js';
import { appointmentByCode, cancelAppointment, checkIn } from './check-in.js';
import { hallOf, rulesOf, serviceOf, type AppointmentDeps } from './deps.js';
import { slotsFor } from './slots-view.js';

const BookBody = Type.Object({
  serviceId: Type.String({ minLength: 1, maxLength: 64 }),
  start: Type.String({ minLength: 10, maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  phone: Type.String({ minLength: 1, maxLength: 32 }),
  idNumber: Type.Optional(Type.String({ maxLength: 32 })),
  channel: Type.Union([Type.Literal('online'), Type.Literal('phone'), Type.Literal('onsite')]),
}, { additionalProperties: false });

const CodeParams = Type.Object({ code: Type.String({ minLength: 4, maxLength: 16 }) });
const DateQuery = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });

/** Booking, lookup, cancel and check-in (docs/en/api.md "Appointments and calendar"). */
export function bookingRoutes(deps: AppointmentDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Params: { hallId: string; serviceId: string }; Querystring: Static<typeof DateQuery> }>('/api/halls/:hallId/services/:serviceId/slots', {
      schema: { tags: ['appointments'], summary: 'Slots of a service on a date, with capacity and places booked', querystring: DateQuery },
    }, async (request) => {
      const service = serviceOf(deps, request.params.serviceId);
      if (service.hallId !== request.params.hallId) throw new DomainError('NOT_FOUND', `service ${service.id} is not in hall ${request.params.hallId}`);
      return slotsFor(deps, service.id, request.query.date);
    });

    app.get<{ Params: { hallId: string } }>('/api/halls/:hallId/booking', {
      schema: { tags: ['appointments'], summary: 'What the booking page needs: bookable services with their 一次性告知 materials' },
    }, async (request) => {
      const hall = hallOf(deps, request.params.hallId);
      const departments = new Map(deps.ctx.store.halls.departments().map((d) => [d.id, d.name]));
      const services = deps.ctx.store.halls.services(hall.id).filter((s) => s.enabled);
      return {
        hallId: hall.id, hallName: hall.name, timezone: hall.timezone, bookingDaysAhead: rulesOf(deps, hall.id).bookingDaysAhead,
        today: localTime(deps.ctx.clock.now(), hall.timezone).date,
        services: services.map((s) => ({ id: s.id, name: s.name, departmentId: s.departmentId, departmentName: departments.get(s.departmentId) ?? '', materials: s.materials })),
      };
    });

    app.post<{ Body: Static<typeof BookBody> }>('/api/appointments', {
      schema: { tags: ['appointments'], summary: 'Book a slot (online: anyone; phone/onsite: staff)', body: BookBody, security: bearer },
    }, async (request, reply) => {
      const a = book(deps, request.principal, request.body);
      return reply.status(201).send(appointmentDto(deps, a, 'holder'));
    });

    app.get<{ Params: Static<typeof CodeParams> }>('/api/appointments/:code', {
      schema: { tags: ['appointments'], summary: 'Look up a booking by its code (the code holder)', params: CodeParams },
    }, async (request) => appointmentDto(deps, appointmentByCode(deps, request.params.code), 'holder'));

    app.delete<{ Params: Static<typeof CodeParams> }>('/api/appointments/:code', {
      schema: { tags: ['appointments'], summary: 'Cancel a booking (the code holder)', params: CodeParams },
    }, async (request) => appointmentDto(deps, cancelAppointment(deps, request.params.code), 'holder'));

    app.post<{ Params: Static<typeof CodeParams> }>('/api/appointments/:code/check-in', {
      schema: { tags: ['appointments'], summary: 'Check in: kiosk, staff, or the holder\'s phone by the booking link', params: CodeParams, security: bearer },
    }, async (request, reply) => {
      const { ticket, appointment } = checkIn(deps, request.principal, request.params.code);
      return reply.status(201).send({ ticket, appointment: appointmentDto(deps, appointment, request.principal ?? 'holder') });
    });

    app.get<{ Params: { hallId: string }; Querystring: Static<typeof DateQuery> }>('/api/halls/:hallId/appointments', {
      schema: { tags: ['appointments'], summary: 'The day\'s bookings (staff: phone masked; managers: in clear)', querystring: DateQuery, security: bearer },
    }, async (request) => {
      const user = requireUser(request);
      const hall = hallOf(deps, request.params.hallId);
      assertInHall(user, hall.id);
      const from = new Date(`${request.query.date}T00:00:00Z`).getTime() - 14 * 3600_000;
      const list = deps.appointments.inRange(hall.id, new Date(from).toISOString(), new Date(from + 38 * 3600_000).toISOString());
      return list.filter((a) => localDate(a.slotStart, hall.timezone) === request.query.date).map((a) => appointmentDto(deps, a, user));
    });
  };
}

const localDate = (iso: string, timeZone: string) => localTime(new Date(iso), timeZone).date;
