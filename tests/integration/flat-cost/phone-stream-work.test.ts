import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visitorFeature } from '../../../server/visitor/visitor-feature.js';
import { statusData, statusStream } from '../../helpers/status-stream.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { sqliteOnly } from '../../helpers/test-store.js';
import { issue } from '../http/hall-steps.js';
import { measureWork } from './statement-work.js';

/** building the phone page's status reads its ticket by id, and nothing else here does (no printer in this hall): one run per status built */
const STATUS_MARK = 'SELECT * FROM tickets WHERE id = ?';

let app: TestApp;
let abort: AbortController;
beforeEach(async () => {
  app = await buildTestApp({ features: [visitorFeature] });
  abort = new AbortController();
});
afterEach(async () => {
  abort.abort();
  await app.close();
});

/** a phone following its ticket: each `status` event's data, in order */
async function follow(ticket: { id: string; statusToken: string }): Promise<{ next(): Promise<{ waitingAhead: number; status: string }> }> {
  const stream = await statusStream(`${app.url}/api/tickets/${ticket.id}/events?token=${ticket.statusToken}`, abort.signal);
  return { next: async () => statusData(await stream.next()) };
}

// SQLite only: counts the statements better-sqlite3 runs
describe.skipIf(sqliteOnly('statements'))('a phone following its ticket, at a peak of issuing', () => {
  it('is not recomputed for plain tickets issued behind it, and is for a 绿色通道 ticket that goes ahead of it', async () => {
    const clerk = await app.login('liqiang');
    expect((await app.http('POST', '/api/windows/w2/open', { token: clerk })).status).toBe(200);
    const mine = await issue(app, 'tax-reg');
    const phone = await follow(mine);
    expect(await phone.next()).toMatchObject({ status: 'waiting', waitingAhead: 0 });

    const work = await measureWork(async () => {
      for (let i = 0; i < 5; i++) await issue(app, 'tax-reg');
      await issue(app, 'tax-reg', { token: clerk, priority: 'priority' });
      // the next status the phone gets is the priority ticket's doing: one ahead now
      expect(await phone.next()).toMatchObject({ status: 'waiting', waitingAhead: 1 });
    });
    expect(work[STATUS_MARK]?.runs, 'statuses built for the phone').toBe(1);
  });
});
