import { hallOfWindow } from './hall-of.js';
import type { WindowDto, WindowStatus } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Window } from '../domain/model.js';
import { assertCanActAtWindow } from './actor.js';
import { assertHoldsWindow, otherHolder } from './window-holder.js';
import { changeState, type AppContext } from './context.js';
import { toWindowDto } from './dto-mapping.js';

export async function loadWindow(ctx: AppContext, windowId: string): Promise<Window> {
  const w = await ctx.store.halls.window(windowId);
  if (!w) throw new DomainError('NOT_FOUND', `window ${windowId} does not exist`);
  return w;
}

async function assertNoCurrentTicket(ctx: AppContext, w: Window, doing: string): Promise<void> {
  if (!w.currentTicketId) return;
  const t = await ctx.store.tickets.get(w.currentTicketId);
  if (t && (t.status === 'called' || t.status === 'serving')) {
    throw new DomainError('WINDOW_BUSY', `${w.name} 正在办理 ${t.number}：请先办结或过号，再${doing}`);
  }
}

async function setStatus(ctx: AppContext, actor: Principal, windowId: string, status: WindowStatus, reason: string | null, doing: string): Promise<WindowDto> {
  const updated = await changeState(ctx, await hallOfWindow(ctx, windowId), async (emit, ctx) => {
    const w = await loadWindow(ctx, windowId);
    assertCanActAtWindow(actor, w);
    const holder = await otherHolder(ctx, actor, w);
    if (status !== 'open') {
      await assertHoldsWindow(ctx, actor, w);
      await assertNoCurrentTicket(ctx, w, doing);
    }
    if (status === 'open' && w.status === 'open' && actor.type === 'user' && w.staffId === actor.id) return w;
    if (holder) {
      // 接管 (a B岗 substitute, or the A岗 back): never in the middle of the holder's ticket
      await assertNoCurrentTicket(ctx, w, `由 ${actor.type === 'user' ? actor.name : ''} 接管`);
      await ctx.store.audit.record({
        at: ctx.clock.now().toISOString(),
        hallId: w.hallId,
        actorType: actor.type,
        actorId: actor.id,
        action: 'window-takeover',
        entity: 'window',
        entityId: w.id,
        reason: `接替 ${holder.name}`,
      });
    }
    // A staff member opening or resuming takes the window: a B岗 substitute replaces the A岗.
    const staffId =
      status === 'closed' ? null : actor.type === 'user' && actor.role === 'staff' ? actor.id : (w.staffId ?? (actor.type === 'user' ? actor.id : null));
    const next: Window = { ...w, status, pauseReason: reason, staffId, statusChangedAt: ctx.clock.now().toISOString() };
    await ctx.store.halls.saveWindowState(next);
    const staff = staffId ? await ctx.store.staff.get(staffId) : undefined;
    await emit({
      type: 'window.status',
      at: next.statusChangedAt!,
      hallId: w.hallId,
      zoneId: w.zoneId,
      windowId: w.id,
      data: {
        windowId: w.id,
        windowNumber: w.number,
        status,
        ...(reason ? { reason } : {}),
        ...(staff ? { staffId: staff.id, staffName: staff.name } : {}),
      },
    });
    return next;
  });
  return await toWindowDto(ctx, updated);
}

export const openWindow = async (ctx: AppContext, actor: Principal, windowId: string) => await setStatus(ctx, actor, windowId, 'open', null, '开窗');

export async function pauseWindow(ctx: AppContext, actor: Principal, windowId: string, reason: string): Promise<WindowDto> {
  const w = await loadWindow(ctx, windowId);
  if (w.status === 'closed') throw new DomainError('WINDOW_NOT_OPEN', `${w.name} 未开启，不能暂停`);
  return await setStatus(ctx, actor, windowId, 'paused', reason, '暂停');
}

export async function resumeWindow(ctx: AppContext, actor: Principal, windowId: string): Promise<WindowDto> {
  const w = await loadWindow(ctx, windowId);
  if (w.status !== 'paused') throw new DomainError('WINDOW_NOT_PAUSED', `${w.name} 未暂停`);
  return await setStatus(ctx, actor, windowId, 'open', null, '恢复');
}

export const closeWindow = async (ctx: AppContext, actor: Principal, windowId: string) => await setStatus(ctx, actor, windowId, 'closed', null, '关闭窗口');
