import type { TicketDto } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Ticket, Window } from '../domain/model.js';
import { nextStatus } from '../domain/ticket-state.js';
import { assertHoldsWindow } from './window-holder.js';
import { assertCanActAtWindow, assertInHall, forbidden, isManagerOf } from './actor.js';
import { changeState, type AppContext, type Emit } from './context.js';
import { toTicketDto } from './dto-mapping.js';
import { today } from './queue-view.js';
import { hallOfTicket, hallOfWindow } from './hall-of.js';
import { loadWindow } from './window-status.js';

export type CurrentTicketAction = 'recall' | 'start' | 'finish' | 'skip';

const EVENT_OF = { start: 'ticket.started', finish: 'ticket.finished', skip: 'ticket.skipped' } as const;

async function currentTicketOf(ctx: AppContext, window: Window): Promise<Ticket> {
  const t = window.currentTicketId ? await ctx.store.tickets.get(window.currentTicketId) : undefined;
  if (!t || (t.status !== 'called' && t.status !== 'serving')) {
    throw new DomainError('TICKET_NOT_CURRENT', `${window.name} 当前没有正在呼叫或办理的号`);
  }
  return t;
}

/** recall / start / finish / skip on the window's current ticket. */
export async function actOnCurrent(ctx: AppContext, actor: Principal, windowId: string, action: CurrentTicketAction): Promise<TicketDto> {
  const ticket = await changeState(ctx, await hallOfWindow(ctx, windowId), async (emit, ctx) => {
    const window = await loadWindow(ctx, windowId);
    assertCanActAtWindow(actor, window);
    await assertHoldsWindow(ctx, actor, window);
    const current = await currentTicketOf(ctx, window);
    const now = ctx.clock.now();
    if (action === 'recall') return await recall(ctx, window, current, now, emit);
    return await applyAtWindow(ctx, window, current, action, now, emit);
  });
  return await toTicketDto(ctx, ticket);
}

async function recall(ctx: AppContext, window: Window, t: Ticket, now: Date, emit: Emit): Promise<Ticket> {
  nextStatus(t, 'recall');
  const at = now.toISOString();
  const next = { ...t, callCount: t.callCount + 1 };
  await ctx.store.tickets.update(next);
  await ctx.store.tickets.recordCall({
    ticketId: t.id,
    windowId: window.id,
    staffId: t.staffId,
    queueClass: 'recall',
    reason: 'recall',
    recall: true,
    calledAt: at,
  });
  await emit({
    type: 'ticket.called',
    at,
    hallId: window.hallId,
    zoneId: window.zoneId,
    windowId: window.id,
    data: {
      ticketId: t.id,
      number: t.number,
      serviceId: t.serviceId,
      priority: t.priority,
      windowId: window.id,
      windowNumber: window.number,
      zoneId: window.zoneId,
      recall: true,
      issuedAt: t.issuedAt,
      ...(t.staffId ? { staffId: t.staffId } : {}),
    },
  });
  return next;
}

async function applyAtWindow(ctx: AppContext, window: Window, t: Ticket, action: 'start' | 'finish' | 'skip', now: Date, emit: Emit): Promise<Ticket> {
  const at = now.toISOString();
  const status = nextStatus(t, action);
  const next: Ticket = {
    ...t,
    status,
    ...(action === 'start' ? { startedAt: at } : {}),
    ...(action === 'finish' || action === 'skip' ? { finishedAt: at } : {}),
  };
  await ctx.store.tickets.update(next);
  if (action !== 'start') await ctx.store.halls.saveWindowState({ ...window, currentTicketId: null });
  await emit({
    type: EVENT_OF[action],
    at,
    hallId: window.hallId,
    zoneId: window.zoneId,
    windowId: window.id,
    data: {
      ticketId: t.id,
      number: t.number,
      serviceId: t.serviceId,
      windowId: window.id,
      windowNumber: window.number,
      issuedAt: t.issuedAt,
      ...(t.staffId ? { staffId: t.staffId } : {}),
    },
  });
  return next;
}

/** call-next with callNextFinishesCurrent: a serving ticket is finished, a called one that never started is a no-show. */
export async function finishOrSkipCurrent(ctx: AppContext, window: Window, t: Ticket, now: Date, emit: Emit): Promise<void> {
  await applyAtWindow(ctx, window, t, t.status === 'serving' ? 'finish' : 'skip', now, emit);
}

/** 转办: the window's current ticket moves to another service's queue, keeping number and issue time. */
export async function transferCurrent(ctx: AppContext, actor: Principal, windowId: string, toServiceId: string, reason?: string): Promise<TicketDto> {
  const ticket = await changeState(ctx, await hallOfWindow(ctx, windowId), async (emit, ctx) => {
    const window = await loadWindow(ctx, windowId);
    assertCanActAtWindow(actor, window);
    await assertHoldsWindow(ctx, actor, window);
    const current = await currentTicketOf(ctx, window);
    const to = await ctx.store.halls.service(toServiceId);
    if (!to || to.hallId !== window.hallId) throw new DomainError('NOT_FOUND', `service ${toServiceId} does not exist in this hall`);
    if (!to.enabled) throw new DomainError('SERVICE_CLOSED', `${to.name} 暂停办理，不能转入`);
    if (to.id === current.serviceId) throw new DomainError('VALIDATION', "toServiceId must differ from the ticket's current service");
    const at = ctx.clock.now().toISOString();
    const next: Ticket = {
      ...current,
      status: nextStatus(current, 'transfer'),
      serviceId: to.id,
      transferredFromServiceId: current.serviceId,
      transferredAt: at,
      windowId: null,
      staffId: null,
      calledAt: null,
      startedAt: null,
    };
    await ctx.store.tickets.update(next);
    await ctx.store.halls.saveWindowState({ ...window, currentTicketId: null });
    await emit({
      type: 'ticket.transferred',
      at,
      hallId: window.hallId,
      zoneId: window.zoneId,
      windowId: window.id,
      data: {
        ticketId: current.id,
        number: current.number,
        serviceId: to.id,
        fromServiceId: current.serviceId,
        toServiceId: to.id,
        windowId: window.id,
        windowNumber: window.number,
        issuedAt: current.issuedAt,
        ...(current.staffId ? { staffId: current.staffId } : {}),
        ...(reason ? { reason } : {}),
      },
    });
    return next;
  });
  return await toTicketDto(ctx, ticket);
}

async function loadTicket(ctx: AppContext, ticketId: string): Promise<Ticket> {
  const t = await ctx.store.tickets.get(ticketId);
  if (!t) throw new DomainError('NOT_FOUND', `ticket ${ticketId} does not exist`);
  return t;
}

/** A no-show visitor who turns up: back into the queue once, recorded with who and why. */
export async function restoreTicket(ctx: AppContext, actor: Principal, ticketId: string, reason?: string): Promise<TicketDto> {
  const ticket = await changeState(ctx, await hallOfTicket(ctx, ticketId), async (emit, ctx) => {
    const t = await loadTicket(ctx, ticketId);
    assertInHall(actor, t.hallId);
    const canRestore =
      isManagerOf(actor, t.hallId) ||
      (actor.type === 'user' && (await ctx.store.halls.windowsServing(t.serviceId)).some((w) => actor.windowIds.includes(w.id)));
    if (!canRestore) throw forbidden('only staff of a window serving this service may restore it');
    const now = ctx.clock.now();
    // Queues are the business day's: a restored ticket of an earlier day would wait unseen.
    if (t.status === 'no_show' && t.businessDay !== today((await ctx.store.halls.hall(t.hallId))!, now)) {
      throw new DomainError('TICKET_EXPIRED', `${t.number} 是 ${t.businessDay} 的号，只能恢复当日的过号`);
    }
    const at = now.toISOString();
    const next: Ticket = { ...t, status: nextStatus(t, 'restore'), restored: true, windowId: null, calledAt: null, startedAt: null, finishedAt: null };
    await ctx.store.tickets.update(next);
    await ctx.store.audit.record({
      at,
      hallId: t.hallId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'restore',
      entity: 'ticket',
      entityId: t.id,
      reason: reason ?? null,
    });
    await emit({ type: 'ticket.restored', at, hallId: t.hallId, data: { ticketId: t.id, number: t.number, serviceId: t.serviceId, issuedAt: t.issuedAt } });
    return next;
  });
  return await toTicketDto(ctx, ticket);
}

/** The visitor gives up (from the phone page) or staff cancel a waiting ticket. */
export async function cancelTicket(ctx: AppContext, ticketId: string, by: { actor?: Principal; statusToken?: string }): Promise<TicketDto> {
  const ticket = await changeState(ctx, await hallOfTicket(ctx, ticketId), async (emit, ctx) => {
    const t = await loadTicket(ctx, ticketId);
    const holder = by.statusToken !== undefined && by.statusToken === t.statusToken;
    if (!holder) {
      if (!by.actor) throw new DomainError('UNAUTHORIZED', 'the ticket token is not valid');
      if (by.actor.type !== 'user') throw forbidden('only the ticket holder or staff may cancel it');
      assertInHall(by.actor, t.hallId);
    }
    const at = ctx.clock.now().toISOString();
    const next: Ticket = { ...t, status: nextStatus(t, 'cancel'), finishedAt: at };
    await ctx.store.tickets.update(next);
    await emit({ type: 'ticket.cancelled', at, hallId: t.hallId, data: { ticketId: t.id, number: t.number, serviceId: t.serviceId, issuedAt: t.issuedAt } });
    return next;
  });
  return await toTicketDto(ctx, ticket);
}
