/**
 * One person holds a window at a time. A staff member who is not the holder (the B岗 while the
 * A岗 is on duty, or the displaced A岗 after a takeover) sees who holds it and may only take it
 * over — and only when no ticket is being called or served there, so nobody's visitor is taken
 * out of their hands. Managers are not holders: they act at any window of their hall.
 */
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Window } from '../domain/model.js';
import type { AppContext } from './context.js';

/** the staff member holding the window, when it is not the actor */
export async function otherHolder(ctx: AppContext, actor: Principal, w: Window): Promise<{ id: string; name: string } | undefined> {
  if (actor.type !== 'user' || actor.role !== 'staff') return undefined;
  if (w.status === 'closed' || !w.staffId || w.staffId === actor.id) return undefined;
  return { id: w.staffId, name: (await ctx.store.staff.get(w.staffId))?.name ?? w.staffId };
}

/** ticket actions, pause and close: only the holder */
export async function assertHoldsWindow(ctx: AppContext, actor: Principal, w: Window): Promise<void> {
  const holder = await otherHolder(ctx, actor, w);
  if (holder) {
    throw new DomainError('WINDOW_HELD', `${w.name} 由 ${holder.name} 值守：请先接管（开窗）再操作`, { holderId: holder.id, holderName: holder.name });
  }
}
