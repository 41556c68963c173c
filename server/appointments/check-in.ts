import type { ErrorCode } from '../contract/error-codes.js';
import type { IssuedTicketDto } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { assertInHall, forbidden } from '../app/actor.js';
import { changeState } from '../app/context.js';
import { issueTicket } from '../app/issue-ticket.js';
import { DomainError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import { limitsOf } from '../security/limits.js';
import { hallOf, minutesAfter, rulesOf, type AppointmentDeps } from './deps.js';
import { assertInTheHall } from './door-code.js';
import type { Appointment } from './model.js';

export async function appointmentByCode(deps: AppointmentDeps, code: string): Promise<Appointment> {
  const a = await deps.appointments.byCode(code.trim().toUpperCase());
  if (!a) throw new DomainError('NOT_FOUND', `预约码 ${code} 不存在`);
  return a;
}

const REFUSED: Partial<Record<Appointment['status'], [ErrorCode, string]>> = {
  checked_in: ['ALREADY_CHECKED_IN', '该预约已签到'],
  cancelled: ['CANCELLED', '该预约已取消'],
  no_show: ['EXPIRED', '该预约已过签到时间，记为未到'],
};

/** The holder checking in from their phone acts as this pseudo device (no printer, no rate limit). */
function ticketActor(actor: Principal | null, hallId: string): Principal {
  if (!actor) return { type: 'device', id: 'appointment-link', kind: 'agent', hallId, windowId: null };
  if (actor.type === 'device' && actor.kind !== 'kiosk' && actor.kind !== 'agent') throw forbidden('this device may not check in appointments');
  assertInHall(actor, hallId);
  return actor;
}

/**
 * Check-in inside [start − before, start + after]: issues the appointment's ticket (appointment
 * class, first in its service's queue once the slot begins) and records it, in one transaction.
 * From the holder's own phone it needs the door code shown in the hall; a kiosk or staff do not.
 */
export async function checkIn(
  deps: AppointmentDeps,
  actor: Principal | null,
  code: string,
  doorCode?: unknown,
): Promise<{ ticket: IssuedTicketDto; appointment: Appointment }> {
  const a = await appointmentByCode(deps, code);
  const hall = await hallOf(deps, a.hallId);
  const issuer = ticketActor(actor, hall.id);
  if (!actor) await assertInTheHall(deps, hall.id, doorCode);
  const refused = REFUSED[a.status];
  if (refused) throw new DomainError(refused[0], refused[1]);
  const rules = await rulesOf(deps, hall.id);
  const now = deps.ctx.clock.now();
  const opens = minutesAfter(a.slotStart, -rules.checkInBeforeMinutes);
  const closes = minutesAfter(a.slotStart, rules.checkInAfterMinutes);
  const at = (iso: string) => localTime(new Date(iso), hall.timezone);
  if (now.getTime() < Date.parse(opens)) {
    throw new DomainError(
      'TOO_EARLY',
      `还未到签到时间：请于 ${at(opens).date === at(now.toISOString()).date ? '' : at(opens).date + ' '}${at(opens).time} 起签到`,
    );
  }
  if (now.getTime() > Date.parse(closes)) throw new DomainError('EXPIRED', `签到时间已过（截至 ${at(closes).time}）`);
  // changeState, not a bare transaction: the ticket's events go out only once the check-in commits.
  return await changeState(deps.ctx, hall.id, async (_emit, ctx) => {
    const fresh = (await deps.appointments.byId(a.id))!;
    const again = REFUSED[fresh.status];
    if (again) throw new DomainError(again[0], again[1]);
    const ticket = await issueTicket(ctx, issuer, { serviceId: a.serviceId, appointment: { id: a.id, slotStart: a.slotStart, slotEnd: a.slotEnd } });
    const checkedIn: Appointment = { ...fresh, status: 'checked_in', checkedInAt: now.toISOString(), ticketId: ticket.id };
    await deps.appointments.update(checkedIn);
    await deps.outbox.dropPending(a.id, 'turn-soon');
    return { ticket, appointment: checkedIn };
  });
}

/**
 * Cancel by the code holder or staff: frees the place; a checked-in or past booking stays. A
 * booking cancelled within seconds of being made gets no "cancelled" message: book/cancel loops
 * sent one each time.
 */
export async function cancelAppointment(deps: AppointmentDeps, code: string): Promise<Appointment> {
  const a = await appointmentByCode(deps, code);
  if (a.status !== 'booked') throw new DomainError('INVALID_TRANSITION', `appointment ${a.id} is ${a.status}: only a booked appointment can be cancelled`);
  const now = deps.ctx.clock.now().toISOString();
  return await deps.ctx.store.writeHall(a.hallId, async () => {
    const cancelled: Appointment = { ...a, status: 'cancelled', cancelledAt: now };
    await deps.appointments.update(cancelled);
    await deps.outbox.dropPending(a.id, 'cancelled');
    const quick = Date.parse(now) - Date.parse(a.createdAt) < limitsOf(deps.ctx).silentCancelSeconds * 1000;
    if (!quick)
      await deps.outbox.enqueue({ hallId: a.hallId, kind: 'cancelled', dedupeKey: `${a.id}:cancelled`, appointmentId: a.id, payload: {}, dueAt: now });
    return cancelled;
  });
}
