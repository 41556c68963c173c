import type { TicketDto, WindowDto } from '../contract/dto.js';
import type { Ticket, Window } from '../domain/model.js';
import type { AppContext } from './context.js';

export async function toTicketDto(ctx: AppContext, t: Ticket): Promise<TicketDto> {
  const window = t.windowId ? await ctx.store.halls.window(t.windowId) : undefined;
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    hallId: t.hallId,
    status: t.status,
    priority: t.priority,
    appointment: t.appointmentId !== null,
    issuedAt: t.issuedAt,
    callCount: t.callCount,
    restored: t.restored,
    ...(t.calledAt ? { calledAt: t.calledAt } : {}),
    ...(t.startedAt ? { startedAt: t.startedAt } : {}),
    ...(t.finishedAt ? { finishedAt: t.finishedAt } : {}),
    ...(window ? { windowId: window.id, windowNumber: window.number } : {}),
    ...(t.staffId ? { staffId: t.staffId } : {}),
    ...(t.transferredFromServiceId ? { transferredFromServiceId: t.transferredFromServiceId } : {}),
  };
}

export async function toWindowDto(ctx: AppContext, w: Window): Promise<WindowDto> {
  const staff = w.staffId ? await ctx.store.staff.get(w.staffId) : undefined;
  const current = w.currentTicketId ? await ctx.store.tickets.get(w.currentTicketId) : undefined;
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    hallId: w.hallId,
    zoneId: w.zoneId,
    status: w.status,
    serviceIds: w.serviceIds,
    ...(w.pauseReason ? { pauseReason: w.pauseReason } : {}),
    ...(staff ? { staffId: staff.id, staffName: staff.name } : {}),
    ...(current ? { current: { id: current.id, number: current.number, status: current.status } } : {}),
  };
}
