import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../db/sqlite-store.js';
import { businessDay } from '../../../server/domain/numbering.js';
import type { Ticket } from '../../../server/domain/model.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { sqliteOnly } from '../../helpers/test-store.js';
import { measureWork, rowsOf } from './statement-work.js';
import { NOT_YET_CALLED } from '../../helpers/ticket-fixture.js';

/**
 * The alert check runs after every burst of events all day. On a busy afternoon hundreds wait
 * past the wait marks and the day's bad reviews have piled up follow-ups: the check must read
 * as much with 1,000 of each as with 10, and still count them right in what it raises.
 */
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const waitingTicket = (day: string, seqNo: number, issuedAt: string): Ticket => ({
  id: `long-${seqNo}`,
  hallId: 'main',
  serviceId: 'tax-reg',
  businessDay: day,
  seqNo,
  number: `A${seqNo}`,
  priority: 'normal',
  status: 'waiting',
  issuedAt,
  ...NOT_YET_CALLED,
  statusToken: `token-${seqNo}`,
  kioskId: null,
});

/** `n` tickets waiting 15 to 50 minutes (past the 10-minute mark; a fifth past 40), `n` follow-ups of today's bad reviews and one overdue */
function fill(store: SqliteStore, now: Date, n: number): void {
  const day = businessDay(now, 'Asia/Shanghai');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const followUp = store.db.prepare(`INSERT INTO sup_followups (ticket_id, hall_id, number, level, service_id, window_id, staff_id, tags_json,
    created_at, callback_due, rectify_due) VALUES (?, 'main', ?, 1, 'tax-reg', 'w1', 'wangfang', '[]', ?, ?, ?)`);
  store.syncTransaction(() => {
    for (let i = 0; i < n; i++) store.sync.tickets.insert(waitingTicket(day, 800_000 + i, ago(i % 5 === 0 ? 45 : 15)));
    for (let i = 0; i < n; i++) followUp.run(`today-${i}`, `B${i}`, now.toISOString(), '9999-12-30', '9999-12-31');
    followUp.run('overdue', 'B999', ago(3 * 24 * 60), '2000-01-01', '9999-12-31');
  });
}

async function checkWith(n: number) {
  app = await buildTestApp({ features: [createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000, catchUpMs: 3_600_000 })] });
  const manager = await app.login('manager');
  // two windows open for the service: a long queue raises no alert of its own, and both runs raise the same ones
  for (const [who, window] of [
    ['wangfang', 'w1'],
    ['liqiang', 'w2'],
  ] as const) {
    expect((await app.http('POST', `/api/windows/${window}/open`, { token: await app.login(who) })).status).toBe(200);
  }
  fill(app.server.store, app.clock.now(), n);
  const work = await measureWork(async () => {
    const res = await app!.http('POST', '/api/supervision/halls/main/alerts/check', { token: manager });
    expect(res.status).toBe(200);
  });
  const raised = (
    app.server.store.db.prepare("SELECT kind, message, data_json AS data FROM sup_alerts WHERE hall_id = 'main'").all() as {
      kind: string;
      message: string;
      data: string;
    }[]
  ).map((a) => ({ ...a, data: JSON.parse(a.data) as Record<string, unknown> }));
  await app.close();
  app = undefined;
  return { work, raised };
}

// SQLite only: counts the statements better-sqlite3 runs, and fills the queue through the raw handle
describe.skipIf(sqliteOnly('statements'))('the alert check', () => {
  it('reads the same statements and rows with 1,000 tickets past the wait marks and 1,000 open follow-ups as with 10, and counts them all', async () => {
    const short = await checkWith(10);
    const long = await checkWith(1000);
    expect(rowsOf(short.work)).toBeGreaterThan(0);
    expect(long.work).toEqual(short.work);

    const wait = long.raised.find((a) => a.kind === 'wait')!;
    expect(wait.message).toMatch(/^A 税务登记：200 人等候超过 40 分钟，最长 45 分$/);
    expect(wait.data).toMatchObject({ count: 200, mark: 40, longestMinutes: 45, waitingPastFirstMark: 1000 });
    // only the overdue follow-up is an alert; today's are not due yet
    expect(long.raised.filter((a) => a.kind === 'followup-overdue').map((a) => a.data.number)).toEqual(['B999']);
  }, 120_000);
});
