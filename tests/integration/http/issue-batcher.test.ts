import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IssueBatcher } from '../../../server/app/issue-batcher.js';
import type { HallEvent } from '../../../server/contract/events.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { sqliteOnly } from '../../helpers/test-store.js';

const kiosk = { type: 'device', id: 'kiosk-1', kind: 'kiosk', hallId: 'main', windowId: null } as const;

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('group commit of ticket issuing', () => {
  it('issues a burst in one commit: a refused request fails alone, the others are numbered without a gap', async () => {
    const { ctx } = app.server;
    const batcher = new IssueBatcher(ctx);
    const published: HallEvent[] = [];
    ctx.bus.subscribe((e) => published.push(e));
    const answers = await Promise.allSettled([
      batcher.issue(kiosk, { serviceId: 'tax-reg' }),
      batcher.issue(kiosk, { serviceId: 'no-such-service' }),
      batcher.issue(kiosk, { serviceId: 'tax-reg' }),
      batcher.issue(kiosk, { serviceId: 'tax-reg', priority: 'priority' }),
    ]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.number : 'refused'))).toEqual(['A001', 'refused', 'A002', 'A003']);
    expect((answers[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_FOUND' });
    expect(published.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.issued', 'ticket.issued']);
    const fulfilled = answers.filter((a) => a.status === 'fulfilled');
    expect(fulfilled.map((a) => a.value.waitingAhead)).toEqual([0, 1, 0]); // the priority ticket goes first
  });

  it.skipIf(sqliteOnly('handle'))("publishes the burst's events only once its transaction has committed", async () => {
    const { ctx, store } = app.server;
    const batcher = new IssueBatcher(ctx);
    const inTransactionAtPublish: boolean[] = [];
    ctx.bus.subscribe(() => inTransactionAtPublish.push(store.db.inTransaction));
    const tickets = await Promise.all([1, 2, 3].map(() => batcher.issue(kiosk, { serviceId: 'invoice' })));
    expect(tickets.map((t) => t.number)).toEqual(['B001', 'B002', 'B003']);
    expect(inTransactionAtPublish).toEqual([false, false, false]);
  });
});
