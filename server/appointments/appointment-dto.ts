import type { Principal } from '../contract/principal.js';
import { isManagerOf } from '../app/actor.js';
import { isMobile, maskPhone } from '../domain/phone.js';

const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};
import { minutesAfter, rulesOf, type AppointmentDeps } from './deps.js';
import type { Appointment } from './model.js';

export interface AppointmentDto {
  id: string;
  /** the holder's secret: window staff get it only for bookings they took themselves (to read it out) */
  code?: string;
  hallId: string;
  /** where to go: the booking page shows them on the booking */
  hallName: string;
  hallAddress: string;
  serviceId: string;
  serviceName: string;
  start: string;
  end: string;
  status: Appointment['status'];
  channel: Appointment['channel'];
  name: string;
  phone: string;
  idNumberLast4?: string;
  /** the 一次性告知 list of materials */
  materials: string;
  checkInFrom: string;
  checkInUntil: string;
  /** false for a landline: no confirmation, reminder or other message reaches it */
  sms: boolean;
  ticketId?: string;
  ticketNumber?: string;
  statusToken?: string;
}

/**
 * The booking as managers see it: phone in clear. Everyone else sees the phone masked: window
 * staff (who still get the ID number's last 4, to check the card at the counter), and the
 * holder (code + phone's last 4) and a kiosk also the name masked.
 */
export async function appointmentDto(deps: AppointmentDeps, a: Appointment, viewer: 'holder' | Principal | null): Promise<AppointmentDto> {
  const service = await deps.ctx.store.halls.service(a.serviceId);
  const hall = await deps.ctx.store.halls.hall(a.hallId);
  const rules = await rulesOf(deps, a.hallId);
  // the holder proved the code and the phone's last 4, not more: masked, like window staff
  const clear = viewer !== null && viewer !== 'holder' && isManagerOf(viewer, a.hallId);
  // a kiosk is a public screen: it gets neither the name nor the phone
  const device = viewer !== null && viewer !== 'holder' && viewer.type === 'device';
  const ticket = a.ticketId ? await deps.ctx.store.tickets.get(a.ticketId) : undefined;
  const windowStaff = viewer !== null && viewer !== 'holder' && viewer.type === 'user' && !clear;
  const showCode = !windowStaff || a.createdBy === viewer.id;
  return {
    id: a.id,
    ...(showCode ? { code: a.code } : {}),
    hallId: a.hallId,
    hallName: hall?.name ?? a.hallId,
    hallAddress: hall?.address ?? '',
    serviceId: a.serviceId,
    serviceName: service?.name ?? a.serviceId,
    start: a.slotStart,
    end: a.slotEnd,
    status: a.status,
    channel: a.channel,
    name: device || viewer === 'holder' ? maskName(a.name) : a.name,
    phone: clear ? a.phone : maskPhone(a.phone),
    ...(a.idLast4 && viewer !== null && viewer !== 'holder' && viewer.type === 'user' ? { idNumberLast4: a.idLast4 } : {}),
    materials: service?.materials ?? '',
    checkInFrom: minutesAfter(a.slotStart, -rules.checkInBeforeMinutes),
    checkInUntil: minutesAfter(a.slotStart, rules.checkInAfterMinutes),
    sms: isMobile(a.phone),
    ...(ticket ? { ticketId: ticket.id, ticketNumber: ticket.number } : {}),
    ...(ticket && viewer === 'holder' ? { statusToken: ticket.statusToken } : {}),
  };
}
