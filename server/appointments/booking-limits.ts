import { DomainError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import { limitsOf } from '../security/limits.js';
import type { AppointmentDeps } from './deps.js';

/**
 * One person — by phone number or by ID number — holds at most one booking per service per
 * day and a few open in all: one number booked all 192 places of a service-day in 0.8 s.
 */
export async function assertPersonLimits(
  deps: AppointmentDeps,
  p: { hallId: string; timezone: string; serviceId: string; slotStart: string; phoneHash: string; idHash: string | null; now: Date },
): Promise<void> {
  const limits = limitsOf(deps.ctx);
  const open = await deps.appointments.openOfPerson(p.hallId, p.phoneHash, p.idHash, p.now.toISOString());
  if (open.length >= limits.openBookingsPerPerson) {
    throw new DomainError(
      'BOOKING_LIMIT',
      `此手机号或身份证已有 ${open.length} 个未办理的预约 (at most ${limits.openBookingsPerPerson} open bookings per person)`,
    );
  }
  const day = (iso: string) => localTime(new Date(iso), p.timezone).date;
  const sameDay = open.filter((b) => b.serviceId === p.serviceId && day(b.slotStart) === day(p.slotStart));
  if (sameDay.length >= limits.bookingsPerPersonPerServiceDay) {
    throw new DomainError('BOOKING_LIMIT', `此手机号或身份证当天已预约该事项 (at most ${limits.bookingsPerPersonPerServiceDay} per service per day)`);
  }
}
