import type { OutboxMessage } from '../../db/repositories/outbox-repository.js';
import { localTime } from '../domain/local-time.js';
import type { Notification, NotificationKind } from '../notify/notifier.js';
import type { Hall, Service } from '../domain/model.js';
import { isMobile } from '../domain/phone.js';
import { minutesAfter, rulesOf, type AppointmentDeps } from './deps.js';
import { messageText, type MessageFacts } from './message-texts.js';
import type { Appointment, AppointmentRules } from './model.js';

/** Confirmation now, and the reminders that are still ahead; all in the booking's transaction. */
export async function enqueueBookingMessages(deps: AppointmentDeps, a: Appointment, rules: AppointmentRules, now: Date): Promise<void> {
  await enqueue(deps, a, 'confirmation', now.toISOString());
  for (const before of rules.reminderMinutesBefore) {
    const due = minutesAfter(a.slotStart, -before);
    if (Date.parse(due) > now.getTime()) await enqueue(deps, a, 'reminder', due, String(before));
  }
}

export async function enqueue(
  deps: AppointmentDeps,
  a: Appointment,
  kind: NotificationKind,
  dueAt: string,
  variant = '',
  payload: Record<string, unknown> = {},
): Promise<boolean> {
  return await deps.outbox.enqueue({
    hallId: a.hallId,
    kind,
    dedupeKey: `${a.id}:${kind}${variant ? ':' + variant : ''}`,
    appointmentId: a.id,
    payload,
    dueAt,
  });
}

/** Builds the message at send time from the current appointment: the outbox holds no personal data. */
export async function composeNotification(deps: AppointmentDeps, m: OutboxMessage): Promise<Notification | null> {
  const a = m.appointmentId ? await deps.appointments.byId(m.appointmentId) : undefined;
  if (!a || a.purgedAt) return null;
  if (!isMobile(a.phone)) return null; // a landline receives no SMS (the booking said so)
  const kind = m.kind as NotificationKind;
  if (kind === 'phone-code') return null; // sent at once, never through the outbox
  if ((kind === 'reminder' || kind === 'confirmation') && a.status !== 'booked') return null;
  const hall = await deps.ctx.store.halls.hall(a.hallId);
  const service = await deps.ctx.store.halls.service(a.serviceId);
  if (!hall || !service) return null;
  const ticketNumber = typeof m.payload.ticketNumber === 'string' ? m.payload.ticketNumber : undefined;
  const text = messageText(kind, a.lang, await factsOf(deps, a, hall, service, m.payload));
  return {
    id: m.id,
    kind,
    hallId: hall.id,
    hallName: hall.name,
    lang: a.lang,
    to: { name: a.name, phone: a.phone },
    appointment: { code: a.code, serviceId: service.id, serviceName: service.name, start: a.slotStart, end: a.slotEnd },
    ...(ticketNumber ? { ticketNumber } : {}),
    text,
  };
}

async function factsOf(deps: AppointmentDeps, a: Appointment, hall: Hall, service: Service, payload: Record<string, unknown>): Promise<MessageFacts> {
  const rules = await rulesOf(deps, a.hallId);
  const local = (iso: string) => localTime(new Date(iso), hall.timezone);
  const en = a.lang === 'en';
  return {
    hallName: en && hall.nameEn ? hall.nameEn : hall.name,
    hallAddress: hall.address ?? '',
    serviceName: en && service.nameEn ? service.nameEn : service.name,
    date: local(a.slotStart).date,
    from: local(a.slotStart).time,
    to: local(a.slotEnd).time,
    code: a.code,
    materials: service.materials,
    checkInFrom: local(minutesAfter(a.slotStart, -rules.checkInBeforeMinutes)).time,
    checkInUntil: local(minutesAfter(a.slotStart, rules.checkInAfterMinutes)).time,
    ...(typeof payload.ticketNumber === 'string' ? { ticketNumber: payload.ticketNumber } : {}),
    ...(typeof payload.barUntil === 'string' ? { barUntil: local(payload.barUntil).date } : {}),
    ...(typeof payload.noShows === 'number' ? { noShows: payload.noShows } : {}),
    noShowLimit: rules.noShowLimit,
    noShowPeriodDays: rules.noShowPeriodDays,
  };
}
