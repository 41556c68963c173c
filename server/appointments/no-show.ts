import { randomUUID } from 'node:crypto';
import { maskPhone } from '../domain/phone.js';
import { leadsHall } from '../app/context.js';
import { minutesAfter, rulesOf, type AppointmentDeps } from './deps.js';
import type { Appointment, AppointmentBar } from './model.js';
import { enqueue } from './notifications.js';

/**
 * Marks `no_show` every booking not checked in by start + checkInAfterMinutes, and bars the
 * person (by phone and ID number) when that makes `noShowLimit` within `noShowPeriodDays`.
 */
export async function markNoShows(deps: AppointmentDeps): Promise<{ noShows: number; bars: number }> {
  const now = deps.ctx.clock.now();
  let noShows = 0;
  let bars = 0;
  for (const a of await deps.appointments.overdue(now.toISOString())) {
    if (!leadsHall(deps.ctx, a.hallId)) continue; // the hall's leader node marks them
    const rules = await rulesOf(deps, a.hallId);
    if (now.getTime() <= Date.parse(minutesAfter(a.slotStart, rules.checkInAfterMinutes))) continue;
    const barred = await deps.ctx.store.writeHall(a.hallId, async () => {
      const fresh = await deps.appointments.byId(a.id);
      if (fresh?.status !== 'booked') return null;
      await deps.appointments.update({ ...fresh, status: 'no_show', noShowAt: now.toISOString() });
      await deps.outbox.dropPending(a.id, 'no-show');
      await enqueue(deps, fresh, 'no-show', now.toISOString());
      noShows++;
      return await barIfDue(deps, fresh, now);
    });
    if (barred) bars++;
  }
  return { noShows, bars };
}

async function barIfDue(deps: AppointmentDeps, a: Appointment, now: Date): Promise<AppointmentBar | null> {
  const rules = await rulesOf(deps, a.hallId);
  const since = new Date(now.getTime() - rules.noShowPeriodDays * 86_400_000).toISOString();
  const noShows = await deps.appointments.noShowsSince(a.hallId, a.phoneHash, a.idHash, since);
  const count = noShows.length;
  if (count < rules.noShowLimit) return null;
  if (await deps.appointments.activeBar(a.hallId, a.phoneHash, a.idHash, now.toISOString())) return null;
  const bar: AppointmentBar = {
    id: randomUUID(),
    hallId: a.hallId,
    keys: barKeys(a, noShows),
    phoneMasked: maskPhone(a.phone),
    noShows: count,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + rules.barDays * 86_400_000).toISOString(),
    liftedAt: null,
    liftedBy: null,
    liftReason: null,
  };
  await deps.appointments.insertBar(bar);
  await deps.ctx.store.audit.record({
    at: bar.createdAt,
    hallId: a.hallId,
    actorType: 'system',
    actorId: 'appointments',
    action: 'appointment.bar',
    entity: 'appointment_bar',
    entityId: bar.id,
    reason: `${count} no-shows within ${rules.noShowPeriodDays} days`,
    after: { phone: bar.phoneMasked, expiresAt: bar.expiresAt },
  });
  if (a.phoneConfirmed) await enqueueBarMessages(deps, a, bar);
  return bar;
}

/**
 * Told now, and again when it ends (rescheduled when a manager lifts it), to the phone of the
 * no-show that caused it — only a confirmed one: never to a number someone else typed.
 */
async function enqueueBarMessages(deps: AppointmentDeps, a: Appointment, bar: AppointmentBar): Promise<void> {
  const message = { hallId: a.hallId, appointmentId: a.id };
  await deps.outbox.enqueue({
    ...message,
    kind: 'barred',
    dedupeKey: barMessageKey(bar.id, 'barred'),
    payload: { barUntil: bar.expiresAt, noShows: bar.noShows },
    dueAt: bar.createdAt,
  });
  await deps.outbox.enqueue({ ...message, kind: 'bar-ended', dedupeKey: barMessageKey(bar.id, 'bar-ended'), payload: {}, dueAt: bar.expiresAt });
}

/** one message of each kind per bar, sent to the phone of the no-show that caused it */
export const barMessageKey = (barId: string, kind: 'barred' | 'bar-ended') => `bar:${barId}:${kind}`;

/** Every phone and ID number of the person's counted no-shows: a new phone does not escape the bar. */
function barKeys(a: Appointment, noShows: { phoneHash: string; idHash: string | null }[]): AppointmentBar['keys'] {
  const keys = new Map<string, AppointmentBar['keys'][number]>();
  for (const n of [{ phoneHash: a.phoneHash, idHash: a.idHash }, ...noShows]) {
    keys.set(`phone:${n.phoneHash}`, { kind: 'phone', hash: n.phoneHash });
    if (n.idHash) keys.set(`id:${n.idHash}`, { kind: 'id', hash: n.idHash });
  }
  return [...keys.values()];
}

/** Erases name and phone of appointments past each hall's retention period. */
export async function purgePersonalData(deps: AppointmentDeps): Promise<number> {
  const now = deps.ctx.clock.now();
  let purged = 0;
  for (const hall of await deps.ctx.store.halls.halls()) {
    if (!leadsHall(deps.ctx, hall.id)) continue;
    const before = new Date(now.getTime() - (await rulesOf(deps, hall.id)).retentionDays * 86_400_000).toISOString();
    purged += await deps.appointments.purge(hall.id, before, now.toISOString());
  }
  return purged;
}
