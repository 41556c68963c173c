import type { Ticket, Window } from '../domain/model.js';
import { chooseNextTicket, queueClassOf } from '../domain/next-ticket.js';
import { businessDay } from '../domain/numbering.js';
import type { AppContext } from './context.js';
import { today, toWaiting } from './queue-view.js';

export interface WindowQueueEntry {
  id: string;
  number: string;
  serviceId: string;
  issuedAt: string;
  waitedMinutes: number;
  queueClass: string;
}

const SHOWN = 200;

/** The tickets this window would call, in the order "call next" would take them. */
export async function windowQueue(ctx: AppContext, w: Window): Promise<WindowQueueEntry[]> {
  const hall = (await ctx.store.halls.hall(w.hallId))!;
  const now = ctx.clock.now();
  // the first SHOWN calls only ever take from the first SHOWN of each part of the queue
  const queued = await ctx.store.tickets.callCandidates(w.serviceIds, today(hall, now), SHOWN);
  const remaining = queued.map(toWaiting);
  const recent = await ctx.store.tickets.recentCallClasses(w.id, 10);
  const ordered: WindowQueueEntry[] = [];
  const numbers = new Map(queued.map((t) => [t.id, t.number]));
  // Simulate successive calls so the console shows the real order, interleave included.
  while (remaining.length > 0 && ordered.length < SHOWN) {
    const choice = chooseNextTicket({ serviceIds: w.serviceIds, waiting: remaining, recentCallClasses: recent, now, policy: hall.policy });
    if (!choice) break;
    remaining.splice(remaining.indexOf(choice.ticket), 1);
    recent.unshift(choice.queueClass);
    const t = choice.ticket;
    ordered.push({
      id: t.id,
      number: numbers.get(t.id)!,
      serviceId: t.serviceId,
      issuedAt: t.issuedAt.toISOString(),
      waitedMinutes: Math.floor((now.getTime() - t.issuedAt.getTime()) / 60_000),
      queueClass: queueClassOf(t, now, hall.policy.appointmentEarlyMinutes),
    });
  }
  return ordered;
}

/** Today's figures for one window: what the console shows in its corner. */
export async function windowToday(ctx: AppContext, w: Window) {
  const hall = (await ctx.store.halls.hall(w.hallId))!;
  const day = businessDay(ctx.clock.now(), hall.timezone);
  const counts = await ctx.store.tickets.countsAtWindow(w.id, day);
  const count = (s: Ticket['status']) => counts[s] ?? 0;
  return { businessDay: day, served: count('done'), noShow: count('no_show'), serving: count('serving') + count('called') };
}
