import type { OutboxMessage } from '../../db/repositories/outbox-repository.js';
import { localTime } from '../domain/local-time.js';
import type { Notification, NotificationKind } from '../notify/notifier.js';
import { minutesAfter, type AppointmentDeps } from './deps.js';
import type { Appointment, AppointmentRules } from './model.js';

/** Confirmation now, and the reminders that are still ahead; all in the booking's transaction. */
export function enqueueBookingMessages(deps: AppointmentDeps, a: Appointment, rules: AppointmentRules, now: Date): void {
  enqueue(deps, a, 'confirmation', now.toISOString());
  for (const before of rules.reminderMinutesBefore) {
    const due = minutesAfter(a.slotStart, -before);
    if (Date.parse(due) > now.getTime()) enqueue(deps, a, 'reminder', due, String(before));
  }
}

export function enqueue(deps: AppointmentDeps, a: Appointment, kind: NotificationKind, dueAt: string, variant = '', payload: Record<string, unknown> = {}): boolean {
  return deps.outbox.enqueue({
    hallId: a.hallId, kind, dedupeKey: `${a.id}:${kind}${variant ? ':' + variant : ''}`, appointmentId: a.id, payload, dueAt,
  });
}

/** Builds the message at send time from the current appointment: the outbox holds no personal data. */
export function composeNotification(deps: AppointmentDeps, m: OutboxMessage): Notification | null {
  const a = m.appointmentId ? deps.appointments.byId(m.appointmentId) : undefined;
  if (!a || a.purgedAt) return null;
  const kind = m.kind as NotificationKind;
  if (kind === 'phone-code') return null; // sent at once, never through the outbox
  if ((kind === 'reminder' || kind === 'confirmation') && a.status !== 'booked') return null;
  const hall = deps.ctx.store.halls.hall(a.hallId);
  const service = deps.ctx.store.halls.service(a.serviceId);
  if (!hall || !service) return null;
  const when = slotText(a, hall.timezone);
  const ticketNumber = typeof m.payload.ticketNumber === 'string' ? m.payload.ticketNumber : undefined;
  const texts: Record<Exclude<NotificationKind, 'phone-code'>, string> = {
    confirmation: `预约成功：${service.name}，${when}，预约码 ${a.code}。${service.materials ? `请带齐材料：${service.materials}。` : ''}请在开始前后30分钟内到大厅签到。`,
    reminder: `温馨提醒：您预约的${service.name}将于${when}办理，预约码 ${a.code}。`,
    'turn-soon': `您的号 ${ticketNumber ?? ''} 即将叫到，请到${service.name}窗口附近留意叫号。`,
    cancelled: `您预约的${service.name}（${when}）已取消。`,
    'no-show': `您预约的${service.name}（${when}）未按时签到，已记为爽约。`,
  };
  return {
    id: m.id, kind, hallId: hall.id, hallName: hall.name, to: { name: a.name, phone: a.phone },
    appointment: { code: a.code, serviceId: service.id, serviceName: service.name, start: a.slotStart, end: a.slotEnd },
    ...(ticketNumber ? { ticketNumber } : {}),
    text: `【${hall.name}】${texts[kind]}`,
  };
}

function slotText(a: Appointment, timeZone: string): string {
  const from = localTime(new Date(a.slotStart), timeZone);
  const to = localTime(new Date(a.slotEnd), timeZone);
  return `${Number(from.date.slice(5, 7))}月${Number(from.date.slice(8, 10))}日 ${from.time}–${to.time}`;
}
