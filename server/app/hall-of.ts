import { DomainError } from '../domain/errors.js';
import type { AppContext } from './context.js';

/*
 * A write names its hall before it starts (store.writeHall), so a use-case given a window or a
 * ticket looks its hall up first. A hall never changes for either, so the answer holds inside
 * the transaction, where the row itself is read again.
 */

export async function hallOfWindow(ctx: AppContext, windowId: string): Promise<string> {
  const w = await ctx.store.halls.window(windowId);
  if (!w) throw new DomainError('NOT_FOUND', `window ${windowId} does not exist`);
  return w.hallId;
}

export async function hallOfTicket(ctx: AppContext, ticketId: string): Promise<string> {
  const t = await ctx.store.tickets.get(ticketId);
  if (!t) throw new DomainError('NOT_FOUND', `ticket ${ticketId} does not exist`);
  return t.hallId;
}
