import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../server/server.js';
import { createSupervisionFeature, type SupervisionOptions } from '../../../server/supervision/feature.js';
import { waitFor } from '../../helpers/wait-for.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { daySteps } from './scripted-day.js';
import { sqliteOnly, TEST_STORE } from '../../helpers/test-store.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const quiet: SupervisionOptions = { checkIntervalMs: 3_600_000, debounceMs: 3_600_000 };

async function hall(opts: SupervisionOptions) {
  app = await buildTestApp({ features: [createSupervisionFeature({ ...quiet, ...opts })] });
  const { store, stores } = app.server;
  return {
    a: app,
    counted: async () => await stores.supervision.aggregates.progress('aggregates:main'),
    lastSeq: async () => (await store.events.since('main', 0, 100_000)).at(-1)?.seq ?? 0,
    issuedToday: async () =>
      (await stores.supervision.reports.slotSums({ hallId: 'main', fromDay: '2026-11-23', toDay: '2026-11-23' }, 'service')).reduce((n, s) => n + s.issued, 0),
  };
}

const issue = async (a: TestApp, n: number) => {
  const answers = await Promise.all(Array.from({ length: n }, () => a.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } })));
  for (const res of answers) expect(res.status, res.text).toBe(201);
};

describe('report figures follow the event log', () => {
  it('catch up on their own shortly after a burst of tickets, with no reader asking', async () => {
    const h = await hall({ catchUpMs: 50 });
    await issue(h.a, 12);
    await waitFor(async () => (await h.counted()) === (await h.lastSeq()), 'the aggregator to count every event');
    expect(await h.issuedToday()).toBe(12);
  });

  it("catch up at the store's pace: a quarter of a second on SQLite, 2 s on PostgreSQL, where a batch is a dozen round trips", async () => {
    const h = await hall({});
    const paceMs = TEST_STORE === 'postgres' ? 2000 : 250;
    const issued = Date.now();
    await issue(h.a, 3);
    await waitFor(async () => (await h.counted()) === (await h.lastSeq()), 'the aggregator to count every event');
    // its timer started with the first event, after `issued`: the figures cannot be current sooner
    expect(Date.now() - issued).toBeGreaterThanOrEqual(paceMs);
    expect(await h.issuedToday()).toBe(3);
  });

  it.skipIf(sqliteOnly('file'))('count the last events when the server stops, however long the interval', async () => {
    const h = await hall({ catchUpMs: 3_600_000 });
    await issue(h.a, 4);
    const last = await h.lastSeq();
    await h.a.stop();
    const db = new Database(join(h.a.dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare("SELECT last_seq FROM sup_progress WHERE name = 'aggregates:main'").pluck().get()).toBe(last);
      expect(db.prepare('SELECT SUM(issued) FROM sup_service_slots').pluck().get()).toBe(4);
    } finally {
      db.close();
    }
  });

  it('are caught up by the monitor before it reads, however long the interval', async () => {
    const h = await hall({ catchUpMs: 3_600_000 });
    await issue(h.a, 5);
    expect(await h.counted()).toBeLessThan(await h.lastSeq()); // nothing written per event
    const manager = await h.a.login('manager');
    const live = await h.a.http('GET', '/api/supervision/halls/main/live', { token: manager });
    expect(live.status).toBe(200);
    expect(await h.counted()).toBe(await h.lastSeq());
    expect(await h.issuedToday()).toBe(5);
  });

  it("open a bad review's follow-up in time for the manager's callback, however long the interval", async () => {
    const h = await hall({ catchUpMs: 3_600_000 });
    const d = await daySteps(h.a);
    await d.step('10:00', 'POST', '/api/windows/w3/open', d.tokens.zhangmin!);
    const id = await d.issue('10:00', 'invoice');
    for (const action of ['call-next', 'start', 'finish']) await d.step('10:01', 'POST', `/api/windows/w3/${action}`, d.tokens.zhangmin!);
    await d.step('10:06', 'POST', `/api/tickets/${id}/evaluation`, d.tokens.manager!, { level: 2, phoneCallback: true });
    const done = await h.a.http('POST', `/api/supervision/followups/${id}/callback`, { token: d.tokens.manager!, body: { note: '电话致歉' } });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'called-back' });
  });
});
