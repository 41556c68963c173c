/**
 * The issuing and calling transactions of app/issue-ticket.ts and app/call-next.ts on the city
 * store, reduced to what the cross-node guarantees rest on: the number allocated in the issuing
 * transaction, the pick and the mark of a call under the hall's lock, one event each. Until the
 * use-cases run on async ports these are how the PostgreSQL store is exercised; the opening hours,
 * permissions and DTOs stay the use-cases' job.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { HallEvent } from '../../contract/events.js';
import type { TicketPriority } from '../../contract/dto.js';
import { DomainError } from '../../domain/errors.js';
import type { Ticket, Window } from '../../domain/model.js';
import { chooseNextTicket } from '../../domain/next-ticket.js';
import { businessDay, formatTicketNumber } from '../../domain/numbering.js';
import { nextStatus } from '../../domain/ticket-state.js';
import { toWaiting } from '../../app/queue-view.js';
import type { PgStore, PgWriteTx } from './pg-store.js';

export interface Committed<T> {
  value: T;
  events: HallEvent[];
}

export async function issueTicketOnPg(
  store: PgStore,
  cmd: { serviceId: string; priority?: TicketPriority; now: Date; kioskId?: string },
): Promise<Committed<Ticket>> {
  const found = await store.halls.service(cmd.serviceId);
  if (!found) throw new DomainError('NOT_FOUND', `service ${cmd.serviceId} does not exist`);
  const hall = (await store.halls.hall(found.hallId))!;
  return store.writeHall(hall.id, async (tx) => {
    const service = (await tx.halls.service(cmd.serviceId))!; // as it is under the lock
    if (!service.enabled) throw new DomainError('SERVICE_CLOSED', `${service.name} 暂停取号`);
    const day = businessDay(cmd.now, hall.timezone);
    const seq = await tx.tickets.nextSequence(hall.id, service.prefix, day);
    const t: Ticket = {
      id: randomUUID(),
      hallId: hall.id,
      serviceId: service.id,
      businessDay: day,
      seqNo: seq,
      number: formatTicketNumber(service.prefix, seq),
      priority: cmd.priority ?? 'normal',
      status: 'waiting',
      issuedAt: cmd.now.toISOString(),
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      windowId: null,
      staffId: null,
      callCount: 0,
      restored: false,
      transferredFromServiceId: null,
      transferredAt: null,
      appointmentId: null,
      slotStart: null,
      slotEnd: null,
      statusToken: randomBytes(16).toString('base64url'),
      kioskId: cmd.kioskId ?? null,
    };
    await tx.tickets.insert(t);
    const event = await tx.events.append({
      type: 'ticket.issued',
      at: t.issuedAt,
      hallId: hall.id,
      data: { ticketId: t.id, number: t.number, serviceId: t.serviceId, priority: t.priority, issuedAt: t.issuedAt, appointment: false },
    });
    return { value: t, events: [event] };
  });
}

/** "Call next" at an open window: finishes (serving) or skips (called) its current ticket, then calls the next. */
export async function callNextOnPg(store: PgStore, windowId: string, now: Date): Promise<Committed<Ticket>> {
  const found = await store.halls.window(windowId);
  if (!found) throw new DomainError('NOT_FOUND', `window ${windowId} does not exist`);
  return store.writeHall(found.hallId, async (tx) => {
    const window = (await tx.halls.window(windowId))!; // as it is under the lock
    if (window.status !== 'open') throw new DomainError('WINDOW_NOT_OPEN', `${window.name} 未开启，不能叫号`);
    const hall = (await tx.halls.hall(window.hallId))!;
    const at = now.toISOString();
    const events: HallEvent[] = [];
    const current = window.currentTicketId ? await tx.tickets.get(window.currentTicketId) : undefined;
    if (current && (current.status === 'called' || current.status === 'serving')) events.push(await leaveCurrent(tx, window, current, at));

    const day = businessDay(now, hall.timezone);
    const candidates = await tx.tickets.callCandidates(window.serviceIds, day, 1);
    const choice = chooseNextTicket({
      serviceIds: window.serviceIds,
      waiting: candidates.map(toWaiting),
      now,
      policy: hall.policy,
      recentCallClasses: await tx.tickets.recentCallClasses(window.id, 10),
    });
    if (!choice) throw new DomainError('QUEUE_EMPTY', `${window.name} 暂无等候的号`);
    const ticket = candidates.find((c) => c.id === choice.ticket.id)!;
    const called: Ticket = {
      ...ticket,
      status: nextStatus(ticket, 'call'),
      calledAt: at,
      windowId: window.id,
      staffId: window.staffId,
      callCount: ticket.callCount + 1,
    };
    await tx.tickets.update(called);
    await tx.halls.saveWindowState({ ...window, currentTicketId: called.id });
    await tx.tickets.recordCall({
      ticketId: called.id,
      windowId: window.id,
      staffId: window.staffId,
      queueClass: choice.queueClass,
      reason: choice.reason,
      recall: false,
      calledAt: at,
    });
    events.push(
      await tx.events.append({
        type: 'ticket.called',
        at,
        hallId: window.hallId,
        zoneId: window.zoneId,
        windowId: window.id,
        data: {
          ticketId: called.id,
          number: called.number,
          serviceId: called.serviceId,
          priority: called.priority,
          windowId: window.id,
          windowNumber: window.number,
          zoneId: window.zoneId,
          recall: false,
          issuedAt: called.issuedAt,
        },
      }),
    );
    return { value: called, events };
  });
}

async function leaveCurrent(tx: PgWriteTx, window: Window, t: Ticket, at: string): Promise<HallEvent> {
  const finish = t.status === 'serving';
  const next: Ticket = { ...t, status: nextStatus(t, finish ? 'finish' : 'skip'), finishedAt: finish ? at : t.finishedAt };
  await tx.tickets.update(next);
  return tx.events.append({
    type: finish ? 'ticket.finished' : 'ticket.skipped',
    at,
    hallId: window.hallId,
    zoneId: window.zoneId,
    windowId: window.id,
    data: {
      ticketId: t.id,
      number: t.number,
      serviceId: t.serviceId,
      priority: t.priority,
      issuedAt: t.issuedAt,
      windowId: window.id,
      windowNumber: window.number,
    },
  });
}
