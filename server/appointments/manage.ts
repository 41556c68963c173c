import { randomUUID } from 'node:crypto';
import type { Principal } from '../contract/principal.js';
import { forbidden, isManagerOf } from '../app/actor.js';
import { ID_REQUIREMENTS } from '../domain/booking-identity.js';
import { DomainError } from '../domain/errors.js';
import { clockMinutes } from '../domain/local-time.js';
import type { SlotSettings } from '../domain/slots.js';
import { isRealDate, TIME_PATTERN, type CalendarDay, type ExtendedPeriod } from '../domain/working-calendar.js';
import { hallOf, invalid, rulesOf, serviceOf, type AppointmentDeps } from './deps.js';
import type { AppointmentBar, AppointmentRules } from './model.js';
import { barMessageKey } from './no-show.js';

export function assertManager(actor: Principal, hallId: string): void {
  if (!isManagerOf(actor, hallId)) throw forbidden('only a manager of this hall may change this');
}

async function audit(
  deps: AppointmentDeps,
  actor: Principal,
  hallId: string,
  action: string,
  entityId: string,
  after: unknown,
  reason?: string,
): Promise<void> {
  await deps.ctx.store.audit.record({
    at: deps.ctx.clock.now().toISOString(),
    hallId,
    actorType: actor.type,
    actorId: actor.id,
    action,
    entity: 'calendar',
    entityId,
    after,
    ...(reason ? { reason } : {}),
  });
}

export async function putCalendarDay(deps: AppointmentDeps, actor: Principal, hallId: string, day: CalendarDay): Promise<void> {
  assertManager(actor, (await hallOf(deps, hallId)).id);
  if (!isRealDate(day.date)) throw invalid('date', 'must be a real date YYYY-MM-DD');
  if (day.kind !== 'holiday' && day.kind !== 'workday') throw invalid('kind', 'must be "holiday" or "workday"');
  await deps.ctx.store.writeHall(hallId, async () => {
    await deps.calendar.putDay(hallId, { ...day, name: day.name.trim() });
    await audit(deps, actor, hallId, 'calendar.day', day.date, day);
  });
}

/** Replaces a year's holidays and 调休 at once: the State Council's annual notice, typed in once. */
export async function replaceCalendarYear(deps: AppointmentDeps, actor: Principal, hallId: string, year: string, days: CalendarDay[]): Promise<void> {
  assertManager(actor, (await hallOf(deps, hallId)).id);
  if (!/^\d{4}$/.test(year)) throw invalid('year', 'must be YYYY');
  days.forEach((d, i) => {
    if (!isRealDate(d.date) || !d.date.startsWith(`${year}-`)) throw invalid(`days[${i}].date`, `must be a real date in ${year}`);
    if (d.kind !== 'holiday' && d.kind !== 'workday') throw invalid(`days[${i}].kind`, 'must be "holiday" or "workday"');
  });
  await deps.ctx.store.writeHall(hallId, async () => {
    await deps.calendar.deleteYear(hallId, year);
    for (const d of days) await deps.calendar.putDay(hallId, { ...d, name: d.name.trim() });
    await audit(deps, actor, hallId, 'calendar.year', year, days);
  });
}

export async function deleteCalendarDay(deps: AppointmentDeps, actor: Principal, hallId: string, date: string): Promise<void> {
  assertManager(actor, (await hallOf(deps, hallId)).id);
  await deps.ctx.store.writeHall(hallId, async () => {
    if (!(await deps.calendar.deleteDay(hallId, date))) throw new DomainError('NOT_FOUND', `no calendar entry on ${date}`);
    await audit(deps, actor, hallId, 'calendar.day.delete', date, null);
  });
}

export async function setWeeklyDaysOff(deps: AppointmentDeps, actor: Principal, hallId: string, daysOff: number[]): Promise<void> {
  assertManager(actor, (await hallOf(deps, hallId)).id);
  if (daysOff.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) throw invalid('daysOff', 'must list weekdays 0 (Sunday) … 6 (Saturday)');
  await deps.ctx.store.writeHall(hallId, async () => {
    await deps.calendar.setWeeklyDaysOff(hallId, [...new Set(daysOff)]);
    await audit(deps, actor, hallId, 'calendar.weekly', hallId, daysOff);
  });
}

export async function addExtendedPeriod(deps: AppointmentDeps, actor: Principal, hallId: string, p: Omit<ExtendedPeriod, 'id'>): Promise<ExtendedPeriod> {
  assertManager(actor, (await hallOf(deps, hallId)).id);
  if (p.on !== 'workdays' && !isRealDate(p.on)) throw invalid('on', 'must be "workdays" or a date YYYY-MM-DD');
  if (!TIME_PATTERN.test(p.from)) throw invalid('from', 'must be HH:MM');
  if (!TIME_PATTERN.test(p.to)) throw invalid('to', 'must be HH:MM');
  if (clockMinutes(p.to) <= clockMinutes(p.from)) throw invalid('to', 'must be after from');
  const period: ExtendedPeriod = { ...p, id: randomUUID(), note: p.note.trim() };
  await deps.ctx.store.writeHall(hallId, async () => {
    await deps.calendar.addExtended(hallId, period);
    await audit(deps, actor, hallId, 'calendar.extended', period.id, period);
  });
  return period;
}

export async function deleteExtendedPeriod(deps: AppointmentDeps, actor: Principal, hallId: string, id: string): Promise<void> {
  assertManager(actor, (await hallOf(deps, hallId)).id);
  await deps.ctx.store.writeHall(hallId, async () => {
    if (!(await deps.calendar.deleteExtended(hallId, id))) throw new DomainError('NOT_FOUND', `no extended period ${id}`);
    await audit(deps, actor, hallId, 'calendar.extended.delete', id, null);
  });
}

const NUMBER_RULES = [
  'checkInBeforeMinutes',
  'checkInAfterMinutes',
  'noShowLimit',
  'noShowPeriodDays',
  'barDays',
  'bookingDaysAhead',
  'retentionDays',
  'turnSoonAhead',
] as const;

export async function updateRules(deps: AppointmentDeps, actor: Principal, hallId: string, patch: Partial<AppointmentRules>): Promise<AppointmentRules> {
  assertManager(actor, (await hallOf(deps, hallId)).id);
  for (const key of NUMBER_RULES) {
    const v = patch[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 3650)) throw invalid(key, 'must be a whole number 0 … 3650');
  }
  if (patch.webhookUrl !== undefined && patch.webhookUrl !== null && !/^https?:\/\/\S+$/.test(patch.webhookUrl)) {
    throw invalid('webhookUrl', 'must be an http(s) URL or null');
  }
  if (patch.doorCodeMinutes !== undefined && (!Number.isInteger(patch.doorCodeMinutes) || patch.doorCodeMinutes < 1 || patch.doorCodeMinutes > 60)) {
    throw invalid('doorCodeMinutes', 'must be a whole number 1 … 60');
  }
  if (patch.idRequired !== undefined && !ID_REQUIREMENTS.includes(patch.idRequired))
    throw invalid('idRequired', `must be one of ${ID_REQUIREMENTS.join(', ')}`);
  // read under the hall's lock: two managers' patches on two nodes each keep the other's fields
  return await deps.ctx.store.writeHall(hallId, async () => {
    const rules = { ...(await rulesOf(deps, hallId)), ...patch };
    await deps.appointments.putRules(hallId, rules);
    await audit(deps, actor, hallId, 'appointments.rules', hallId, { ...rules, webhookUrl: rules.webhookUrl ? '(set)' : null });
    return rules;
  });
}

export async function updateServiceBooking(
  deps: AppointmentDeps,
  actor: Principal,
  serviceId: string,
  s: Partial<SlotSettings> & { materials?: string },
): Promise<void> {
  const service = await serviceOf(deps, serviceId);
  assertManager(actor, service.hallId);
  const current = await deps.appointments.slotSettings(serviceId);
  await deps.ctx.store.writeHall(service.hallId, async () => {
    if (s.slotMinutes !== undefined || s.capacityPerWindow !== undefined) {
      await deps.appointments.putSlotSettings(serviceId, {
        slotMinutes: s.slotMinutes ?? current?.slotMinutes ?? 30,
        capacityPerWindow: s.capacityPerWindow ?? current?.capacityPerWindow ?? 2,
      });
    }
    if (s.materials !== undefined) await deps.appointments.putMaterials(serviceId, s.materials.trim());
    await audit(deps, actor, service.hallId, 'appointments.service', serviceId, s);
  });
}

/** A manager lifts a bar early; the reason is kept in the audit log. */
export async function liftBar(deps: AppointmentDeps, actor: Principal, barId: string, reason: string): Promise<AppointmentBar> {
  const bar = await deps.appointments.bar(barId);
  if (!bar) throw new DomainError('NOT_FOUND', `bar ${barId} does not exist`);
  assertManager(actor, bar.hallId);
  if (reason.trim() === '') throw invalid('reason', 'is required to lift a bar');
  const at = deps.ctx.clock.now().toISOString();
  await deps.ctx.store.writeHall(bar.hallId, async (tx) => {
    await deps.appointments.liftBar(barId, at, actor.id, reason.trim());
    await tx.audit.record({
      at,
      hallId: bar.hallId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'appointment.bar.lift',
      entity: 'appointment_bar',
      entityId: barId,
      reason: reason.trim(),
      before: { expiresAt: bar.expiresAt },
      after: { liftedAt: at },
    });
    await deps.outbox.reschedule(barMessageKey(barId, 'bar-ended'), at);
  });
  return { ...bar, liftedAt: at, liftedBy: actor.id, liftReason: reason.trim() };
}
