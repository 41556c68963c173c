import { hallOfTicket } from './hall-of.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import { isEvaluationLevel } from '../domain/evaluation.js';
import type { Evaluation, Ticket } from '../domain/model.js';
import { assertInHall, forbidden } from './actor.js';
import { changeState, type AppContext } from './context.js';

export interface EvaluateCommand {
  level: number;
  tags?: string[];
  comment?: string;
  /** a phone number for the callback after a bad review */
  contact?: string;
}

/** a visitor's token; a device (the pad at the window, the device host relaying a serial pad); or staff recording a 电话回访 */
export type EvaluationSource = { actor: Principal; phoneCallback?: boolean } | { statusToken: string };

export const PHONE_CALLBACK = '电话回访';

/** An evaluator pad at the window may rate a ticket this long after it finished (docs/en/devices.md). */
export const EVALUATOR_OPEN_MS = 60_000;

/**
 * 好差评: one evaluation per finished ticket, by the visitor — their ticket token, the pad at
 * that window, the phone page. Staff never rate; they may record a rating the visitor gave on
 * the phone (电话回访, under their name), never for their own window.
 */
export async function evaluateTicket(ctx: AppContext, ticketId: string, source: EvaluationSource, cmd: EvaluateCommand): Promise<Evaluation> {
  if (!isEvaluationLevel(cmd.level)) throw new DomainError('VALIDATION', 'level must be an integer from 1 to 5');
  return await changeState(ctx, await hallOfTicket(ctx, ticketId), async (emit, ctx) => {
    const t = await ctx.store.tickets.get(ticketId);
    if (!t) throw new DomainError('NOT_FOUND', `ticket ${ticketId} does not exist`);
    let via: string;
    if ('statusToken' in source) {
      if (source.statusToken !== t.statusToken) throw new DomainError('UNAUTHORIZED', 'the ticket token is not valid');
      via = 'visitor';
    } else {
      const actor = source.actor;
      assertInHall(actor, t.hallId);
      if (actor.type === 'device' && actor.kind === 'evaluator' && actor.windowId && actor.windowId !== t.windowId) {
        throw forbidden('this evaluator belongs to another window');
      }
      if (actor.type === 'device' && actor.kind !== 'evaluator' && actor.kind !== 'agent') throw forbidden('this device may not evaluate');
      if (actor.type === 'user') assertMayRecordCallback(actor, t, source.phoneCallback === true);
      via = actor.type === 'device' ? `device:${actor.id}` : `${PHONE_CALLBACK}:${actor.name}:staff:${actor.id}`;
    }
    if (t.status !== 'done') throw new DomainError('NOT_EVALUABLE', `${t.number} 尚未办结，不能评价`);
    if (await ctx.store.evaluations.get(t.id)) throw new DomainError('ALREADY_EVALUATED', `${t.number} 已评价`);
    const pad = 'actor' in source && source.actor.type === 'device' && source.actor.kind === 'evaluator';
    if (pad && t.finishedAt && ctx.clock.now().getTime() - Date.parse(t.finishedAt) > EVALUATOR_OPEN_MS) {
      // a pad at the window rates the visitor who just left; later, the next visitor may be pressing
      throw new DomainError('EVALUATION_CLOSED', `${t.number} 的评价时间（办结后 60 秒）已过，请用手机评价`);
    }
    const e: Evaluation = {
      ticketId: t.id,
      hallId: t.hallId,
      level: cmd.level,
      tags: cmd.tags ?? [],
      comment: cmd.comment ?? '',
      ...(cmd.contact?.trim() ? { contact: cmd.contact.trim() } : {}),
      windowId: t.windowId,
      staffId: t.staffId,
      source: via,
      createdAt: ctx.clock.now().toISOString(),
    };
    await ctx.store.evaluations.insert(e);
    await emit({
      type: 'evaluation.created',
      at: e.createdAt,
      hallId: t.hallId,
      windowId: t.windowId,
      data: {
        ticketId: t.id,
        number: t.number,
        level: e.level,
        tags: e.tags,
        ...(t.windowId ? { windowId: t.windowId } : {}),
        ...(t.staffId ? { staffId: t.staffId } : {}),
      },
    });
    return e;
  });
}

function assertMayRecordCallback(actor: Extract<Principal, { type: 'user' }>, t: Ticket, phoneCallback: boolean): void {
  if (!phoneCallback) {
    throw forbidden(
      'staff do not rate tickets: the visitor rates (ticket link, the pad at the window); a rating given on the phone is recorded with phoneCallback: true (电话回访)',
    );
  }
  if (t.staffId === actor.id || (t.windowId !== null && actor.windowIds.includes(t.windowId))) {
    throw forbidden("a 电话回访 rating for one's own window is recorded by a colleague");
  }
}
