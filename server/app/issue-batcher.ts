import type { IssuedTicketDto } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { changeState, type AppContext } from './context.js';
import { issueTicket, type IssueTicketCommand } from './issue-ticket.js';

interface PendingIssue {
  actor: Principal;
  cmd: IssueTicketCommand;
  resolve(ticket: IssuedTicketDto): void;
  reject(error: unknown): void;
}

/**
 * Group commit for ticket issuing. Requests that arrive in the same turn of the event loop are
 * issued in one transaction per hall, each in its own savepoint (one refusal does not undo the others),
 * and answered only after that transaction has committed: every acknowledged ticket is as
 * durable as before, but a burst at opening time costs one fsync instead of one per ticket.
 * A lone request waits one setImmediate, a fraction of a millisecond.
 */
export class IssueBatcher {
  private pending: PendingIssue[] = [];
  private scheduled = false;

  constructor(private readonly ctx: AppContext) {}

  issue(actor: Principal, cmd: IssueTicketCommand): Promise<IssuedTicketDto> {
    return new Promise((resolve, reject) => {
      this.pending.push({ actor, cmd, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    // one transaction per hall: on a store with a lock per hall, the halls' batches do not wait on each other
    const byHall = new Map<string, PendingIssue[]>();
    try {
      for (const item of batch) {
        const service = await this.ctx.store.halls.service(item.cmd.serviceId);
        const hallId = service?.hallId ?? '';
        byHall.set(hallId, [...(byHall.get(hallId) ?? []), item]);
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // a hall's lone request is issued in its own transaction: its reads (service, hall, opening hours) then run before
    // the hall's lock is taken, not inside it — the same answer, without holding up the hall's other writers
    await Promise.all([...byHall].map(([hallId, items]) => (hallId && items.length > 1 ? this.issueInOneTransaction(hallId, items) : this.issueEach(items))));
  }

  private async issueInOneTransaction(hallId: string, batch: PendingIssue[]): Promise<void> {
    const outcomes: ({ ticket: IssuedTicketDto } | { error: unknown })[] = [];
    try {
      await changeState(this.ctx, hallId, async (_emit, ctx) => {
        for (const item of batch) {
          try {
            outcomes.push({ ticket: await issueTicket(ctx, item.actor, item.cmd) });
          } catch (error) {
            outcomes.push({ error });
          }
        }
      });
    } catch (error) {
      // the commit itself failed: nothing of this batch was acknowledged
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if ('ticket' in outcome) item.resolve(outcome.ticket);
      else item.reject(outcome.error);
    });
  }

  /** one request of a hall, or services that do not exist (each refused on its own: issueTicket names the service) */
  private async issueEach(batch: PendingIssue[]): Promise<void> {
    for (const item of batch) await issueTicket(this.ctx, item.actor, item.cmd).then(item.resolve, item.reject);
  }
}
