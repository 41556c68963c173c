import type { Principal } from '../contract/principal.js';
import { forbidden, isManagerOf } from '../app/actor.js';
import { changeState, type AppContext } from '../app/context.js';
import { DomainError } from '../domain/errors.js';
import { isEvaluationLevel } from '../domain/evaluation.js';
import { localTime } from '../domain/local-time.js';
import type { FollowUpRecord, RecordsPort, SupervisionRepositories } from './ports.js';
import { followUpView } from './report.js';

type Step = 'callback' | 'rectified' | 'visitor-rating';

/** 差评整改: the steps after a bad review — callback, rectification, the visitor's one more rating. */
export class FollowUps {
  constructor(
    private readonly ctx: AppContext,
    private readonly repos: SupervisionRepositories,
  ) {}

  private async load(records: RecordsPort, ticketId: string): Promise<FollowUpRecord> {
    const f = await records.followUp(ticketId);
    if (!f) throw new DomainError('NOT_FOUND', `no follow-up for ticket ${ticketId}`);
    return f;
  }

  private async today(hallId: string): Promise<string> {
    return localTime(this.ctx.clock.now(), (await this.ctx.store.halls.hall(hallId))?.timezone ?? 'Asia/Shanghai').date;
  }

  async list(hallId: string, openOnly: boolean) {
    const all = openOnly ? await this.repos.records.openFollowUps(hallId) : await this.repos.records.followUps(hallId, '', '9999');
    const today = await this.today(hallId);
    return all.map((f) => followUpView(f, today));
  }

  private async step(
    actor: Principal | null,
    ticketId: string,
    step: Step,
    write: (records: RecordsPort, f: FollowUpRecord, at: string) => Promise<void>,
    note: string | null,
  ) {
    return await changeState(this.ctx, (await this.load(this.repos.records, ticketId)).hallId, async (emit, ctx) => {
      const { records } = this.repos.within(ctx.store);
      const f = await this.load(records, ticketId);
      if (actor && !isManagerOf(actor, f.hallId)) throw forbidden('only a manager may record follow-up steps');
      const at = ctx.clock.now().toISOString();
      await write(records, f, at);
      await ctx.store.audit.record({
        at,
        hallId: f.hallId,
        actorType: actor ? actor.type : 'system',
        actorId: actor ? actor.id : 'visitor',
        action: `followup-${step}`,
        entity: 'ticket',
        entityId: ticketId,
        reason: note,
      });
      await emit({ type: 'followup.updated', at, hallId: f.hallId, data: { ticketId, number: f.number, step } });
      return followUpView((await records.followUp(ticketId))!, await this.today(f.hallId));
    });
  }

  callback(actor: Principal, ticketId: string, note: string) {
    if (!note.trim()) throw new DomainError('VALIDATION', 'note is required: what the visitor was told');
    return this.step(
      actor,
      ticketId,
      'callback',
      async (records, f, at) => {
        if (f.callbackAt) throw new DomainError('ALREADY_DONE', `follow-up of ${f.number}: the callback is already recorded`);
        await records.recordCallback(ticketId, actor.id, at, note.trim());
      },
      note,
    );
  }

  rectify(actor: Principal, ticketId: string, note: string) {
    if (!note.trim()) throw new DomainError('VALIDATION', 'note is required: what was rectified');
    return this.step(
      actor,
      ticketId,
      'rectified',
      async (records, f, at) => {
        if (f.rectifiedAt) throw new DomainError('ALREADY_DONE', `follow-up of ${f.number}: the rectification is already recorded`);
        await records.recordRectification(ticketId, actor.id, at, note.trim());
      },
      note,
    );
  }

  /**
   * The follow-up of a bad review as its visitor sees it on the ticket page (status token): what
   * was done, and whether the one follow-up rating is still to give. Null when there is none.
   */
  async forVisitor(ticketId: string, statusToken: string) {
    const t = await this.ctx.store.tickets.get(ticketId);
    if (!t || t.statusToken !== statusToken) throw new DomainError('UNAUTHORIZED', 'the ticket token is not valid');
    const f = await this.repos.records.followUp(ticketId);
    if (!f) return { followUp: null };
    return {
      followUp: {
        callbackAt: f.callbackAt,
        callbackNote: f.callbackNote,
        rectifiedAt: f.rectifiedAt,
        rectifyNote: f.rectifyNote,
        visitorLevel: f.visitorLevel,
        canRate: f.visitorLevel === null && (f.callbackAt !== null || f.rectifiedAt !== null),
      },
    };
  }

  /** the visitor's one follow-up rating, given by phone to a manager or on the ticket page (status token) */
  async visitorRating(by: { actor: Principal } | { statusToken: string }, ticketId: string, level: number) {
    if (!isEvaluationLevel(level)) throw new DomainError('VALIDATION', 'level must be an integer from 1 to 5');
    if ('statusToken' in by) {
      const t = await this.ctx.store.tickets.get(ticketId);
      if (!t || t.statusToken !== by.statusToken) throw new DomainError('UNAUTHORIZED', 'the ticket token is not valid');
    }
    return this.step(
      'actor' in by ? by.actor : null,
      ticketId,
      'visitor-rating',
      async (records, f, at) => {
        if (f.visitorLevel !== null) throw new DomainError('ALREADY_EVALUATED', `follow-up of ${f.number}: the visitor already gave the follow-up rating`);
        await records.recordVisitorRating(ticketId, level, at);
      },
      null,
    );
  }
}
