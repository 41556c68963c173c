import type { PrintableTicket } from '../../drivers/printer/layout.js';
import { DEFAULT_NOTICE } from '../../drivers/printer/layout.js';
import type { AppContext } from '../app/context.js';
import { statusOfTicket } from '../app/snapshot.js';
import { windowsTextFor } from '../app/wait-view.js';
import { DomainError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import { materialsShort } from '../domain/materials.js';

/** The phone status page of a ticket (the contract's `/t/:ticketId?token=T`). */
export function statusUrl(publicUrl: string, ticketId: string, statusToken: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(ticketId)}?token=${encodeURIComponent(statusToken)}`;
}

/** What goes on the paper for a ticket, as the queue stands now. */
export async function printableTicket(ctx: AppContext, ticketId: string, publicUrl: string, reprint = false): Promise<PrintableTicket> {
  const t = await ctx.store.tickets.get(ticketId);
  if (!t) throw new DomainError('NOT_FOUND', `ticket ${ticketId} does not exist`);
  const hall = (await ctx.store.halls.hall(t.hallId))!;
  const service = (await ctx.store.halls.service(t.serviceId))!;
  const status = await statusOfTicket(ctx, t);
  const issued = localTime(new Date(t.issuedAt), hall.timezone);
  return {
    hallName: hall.name,
    serviceName: status.serviceName,
    number: t.number,
    priority: t.priority === 'priority',
    waitingAhead: status.wait?.kind === 'range' ? Math.max(status.wait.ahead, status.waitingAhead) : status.waitingAhead,
    ...(status.wait
      ? {
          waitText:
            status.wait.kind === 'no-window'
              ? '暂无窗口办理，开窗后按顺序叫号'
              : status.wait.high === 0
                ? '无需等候'
                : `约 ${status.wait.low}–${status.wait.high} 分钟`,
        }
      : {}),
    ...(materialsShort(service.materials) ? { materials: materialsShort(service.materials) } : {}),
    estimatedWaitMinutes: status.estimatedWaitMinutes,
    issuedAtLocal: `${issued.date} ${issued.time}`,
    windowNumbers: (await ctx.store.halls.windowsServing(t.serviceId)).map((w) => w.number),
    windowsText: await windowsTextFor(ctx, t),
    statusUrl: statusUrl(publicUrl, t.id, t.statusToken),
    notice: DEFAULT_NOTICE,
    ...(reprint ? { reprint: true } : {}),
  };
}
