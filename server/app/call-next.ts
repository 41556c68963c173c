import type { TicketDto } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Ticket, Window } from '../domain/model.js';
import { chooseNextTicket, type QueueClass } from '../domain/next-ticket.js';
import { nextStatus } from '../domain/ticket-state.js';
import { assertHoldsWindow, otherHolder } from './window-holder.js';
import { assertCanActAtWindow, forbidden, isManagerOf } from './actor.js';
import { changeState, type AppContext, type Emit } from './context.js';
import { toTicketDto } from './dto-mapping.js';
import { today, toWaiting } from './queue-view.js';
import { finishOrSkipCurrent } from './ticket-actions.js';
import { loadWindow } from './window-status.js';

export interface CallNextOptions {
  /** a manager calling a specific ticket out of order: audited with who and why */
  ticketId?: string;
  reason?: string;
}

/**
 * "Call next" at a window: picks by the queue rules (domain/next-ticket), marks it called and
 * makes it the window's current ticket, all in one transaction. Two windows calling at once
 * are serialised by the write lock, so they never get the same ticket.
 */
export async function callNext(ctx: AppContext, actor: Principal, windowId: string, opts: CallNextOptions = {}): Promise<TicketDto> {
  const seen = await loadWindow(ctx, windowId);
  if (!opts.ticketId) await refuseWhenNoOneWaits(ctx, actor, seen);
  const called = await changeState(ctx, seen.hallId, async (emit, ctx) => {
    const window = await loadWindow(ctx, windowId);
    assertCanActAtWindow(actor, window);
    await assertHoldsWindow(ctx, actor, window);
    if (window.status !== 'open') {
      throw new DomainError('WINDOW_NOT_OPEN', `${window.name} ${window.status === 'paused' ? '暂停中' : '未开启'}，不能叫号`);
    }
    const hall = (await ctx.store.halls.hall(window.hallId))!;
    const now = ctx.clock.now();
    const current = window.currentTicketId ? await ctx.store.tickets.get(window.currentTicketId) : undefined;
    if (current && (current.status === 'called' || current.status === 'serving')) {
      if (!hall.policy.callNextFinishesCurrent) {
        throw new DomainError('WINDOW_BUSY', `${window.name} 正在办理 ${current.number}：请先办结或过号`);
      }
      await finishOrSkipCurrent(ctx, window, current, now, emit);
    }

    const day = today(hall, now);
    let ticket: Ticket;
    let queueClass: QueueClass | 'manual';
    let reason: string;
    if (opts.ticketId) {
      if (!isManagerOf(actor, window.hallId)) throw forbidden('only a manager may call a ticket out of order');
      if (!opts.reason?.trim()) throw new DomainError('VALIDATION', 'reason is required to call a ticket out of order');
      const t = await ctx.store.tickets.get(opts.ticketId);
      const queued = t && (t.status === 'waiting' || t.status === 'transferred') && t.businessDay === day && window.serviceIds.includes(t.serviceId);
      if (!t || !queued) throw new DomainError('TICKET_NOT_QUEUED', `ticket ${opts.ticketId} is not waiting for ${window.name}`);
      ticket = t;
      queueClass = 'manual';
      reason = opts.reason;
    } else {
      // the head of each part of the queue is all the rule can pick: the call costs the same however many wait
      const candidates = await ctx.store.tickets.callCandidates(window.serviceIds, day, 1);
      const choice = chooseNextTicket({
        serviceIds: window.serviceIds,
        waiting: candidates.map(toWaiting),
        recentCallClasses: await ctx.store.tickets.recentCallClasses(window.id, 10),
        now,
        policy: hall.policy,
      });
      if (!choice) throw new DomainError('QUEUE_EMPTY', `${window.name} 暂无等候的号`);
      ticket = candidates.find((q) => q.id === choice.ticket.id)!;
      queueClass = choice.queueClass;
      reason = choice.reason;
    }
    return await markCalled(ctx, actor, window, ticket, now, emit, queueClass, reason, opts);
  });
  return await toTicketDto(ctx, called);
}

/**
 * A window calling with no one waiting for it is answered QUEUE_EMPTY before the hall's write lock
 * is taken: on PostgreSQL that is a transaction of ten round trips spared, and the hall's other
 * writers are not held up by a clerk who finds the queue empty. Refused only when the state as
 * read now would end in QUEUE_EMPTY under the lock too (every earlier check passes, no candidate
 * at all); the call then happened before the next ticket was issued, which is a moment it could
 * have run at. Anything else goes on to the locked path, which reads again and decides.
 */
async function refuseWhenNoOneWaits(ctx: AppContext, actor: Principal, window: Window): Promise<void> {
  if (window.status !== 'open' || window.serviceIds.length === 0) return;
  try {
    assertCanActAtWindow(actor, window);
  } catch {
    return;
  }
  if (await otherHolder(ctx, actor, window)) return;
  const hall = await ctx.store.halls.hall(window.hallId);
  if (!hall) return;
  if (!hall.policy.callNextFinishesCurrent && window.currentTicketId) {
    const current = await ctx.store.tickets.get(window.currentTicketId);
    if (current && (current.status === 'called' || current.status === 'serving')) return; // WINDOW_BUSY, said under the lock
  }
  const candidates = await ctx.store.tickets.callCandidates(window.serviceIds, today(hall, ctx.clock.now()), 1);
  if (candidates.length === 0) throw new DomainError('QUEUE_EMPTY', `${window.name} 暂无等候的号`);
}

async function markCalled(
  ctx: AppContext,
  actor: Principal,
  window: Window,
  ticket: Ticket,
  now: Date,
  emit: Emit,
  queueClass: QueueClass | 'manual',
  reason: string,
  opts: CallNextOptions,
): Promise<Ticket> {
  const at = now.toISOString();
  const staffId = window.staffId ?? (actor.type === 'user' ? actor.id : null);
  const next: Ticket = {
    ...ticket,
    status: nextStatus(ticket, 'call'),
    calledAt: at,
    windowId: window.id,
    staffId,
    callCount: ticket.callCount + 1,
  };
  await ctx.store.tickets.update(next);
  await ctx.store.halls.saveWindowState({ ...window, currentTicketId: next.id });
  await ctx.store.tickets.recordCall({
    ticketId: next.id,
    windowId: window.id,
    staffId,
    recall: false,
    calledAt: at,
    reason,
    queueClass,
  });
  if (opts.ticketId) {
    await ctx.store.audit.record({
      at,
      hallId: window.hallId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'call-out-of-order',
      entity: 'ticket',
      entityId: next.id,
      reason: opts.reason ?? null,
      after: { number: next.number, windowId: window.id },
    });
  }
  await emit({
    type: 'ticket.called',
    at,
    hallId: window.hallId,
    zoneId: window.zoneId,
    windowId: window.id,
    data: {
      ticketId: next.id,
      number: next.number,
      serviceId: next.serviceId,
      priority: next.priority,
      windowId: window.id,
      windowNumber: window.number,
      zoneId: window.zoneId,
      recall: false,
      issuedAt: next.issuedAt,
      ...(staffId ? { staffId } : {}),
      ...(opts.ticketId ? { outOfOrder: { by: actor.id, reason: opts.reason ?? '' } } : {}),
    },
  });
  return next;
}
