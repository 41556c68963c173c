import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../db/sqlite-store.js';
import { InProcessLink } from '../../../drivers/host/in-process-link.js';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import { businessDay } from '../../../server/domain/numbering.js';
import { CLASS_RANK } from '../../../server/domain/wait-estimate.js';
import type { Ticket } from '../../../server/domain/model.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { visitorFeature } from '../../../server/visitor/visitor-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { sqliteOnly } from '../../helpers/test-store.js';
import { TOKENS } from '../../helpers/test-config.js';
import { measureWork, rowsOf, type Work } from './statement-work.js';
import { NOT_YET_CALLED } from '../../helpers/ticket-fixture.js';
import { statusStream } from '../../helpers/status-stream.js';

/**
 * The work one event costs must not grow with the queue: each path below is measured with 10
 * and with 1,000 people waiting, and must run the same statements returning the same rows.
 * The features that listen to every event are on; their timers are out of the way so that only
 * the measured event does work.
 */
const features = () => [
  visitorFeature,
  createAppointmentsFeature({ jobIntervalMs: 3_600_000 }),
  createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000, catchUpMs: 3_600_000 }),
];

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ticket = (store: SqliteStore, day: string, seqNo: number, issuedAt: string, over: Partial<Ticket> = {}): Ticket => ({
  id: `fill-${seqNo}`,
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
  ...over,
});

/**
 * A hall with w1 and w2 open and `waiting` people queued for tax-reg: a checked-in appointment and a
 * phone's ticket at the front (their slot and place do not move with the queue's length), then
 * plain, priority and transferred tickets behind them, issued a minute ago (so that they raise no
 * wait alert: the alerts a check raises are its output, not its cost).
 */
async function hallWithQueue(waiting: number) {
  app = await buildTestApp({ features: features() });
  const a = app;
  const staff = await a.login('liqiang');
  const manager = await a.login('manager');
  expect((await a.http('POST', '/api/windows/w2/open', { token: staff })).status).toBe(200);
  // two windows open for the service: a long queue raises no alert of its own (an alert is output, not cost)
  expect((await a.http('POST', '/api/windows/w1/open', { token: await a.login('wangfang') })).status).toBe(200);
  const now = a.clock.now();
  const day = businessDay(now, 'Asia/Shanghai');
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const { store } = a.server;
  // numbers far above what the kiosk hands out today, so issuing never meets them
  const filler = (i: number): Partial<Ticket> => (i % 10 === 0 ? { priority: 'priority' } : i % 10 === 1 ? { status: 'transferred' } : {});
  store.syncTransaction(() => {
    store.sync.tickets.insert(
      ticket(store, day, 900_001, at(90), {
        id: 'checked-in',
        appointmentId: 'no-such-appointment',
        slotStart: at(10),
        slotEnd: at(-20),
      }),
    );
    store.sync.tickets.insert(ticket(store, day, 900_002, at(89), { id: 'phone' }));
    for (let i = 0; i < waiting - 2; i++) store.sync.tickets.insert(ticket(store, day, 900_010 + i, at(1), filler(i)));
  });
  // A running server has each queue's order in memory from the first question about it on
  // (db/repositories/queue-part-index.ts): that first read of the queue is the start's, not an event's.
  for (const s of store.sync.halls.services('main')) {
    store.sync.tickets.countQueuedAhead(
      { id: 'warm-up', serviceId: s.id, businessDay: day, issuedAt: now.toISOString(), seqNo: 0, rank: CLASS_RANK.normal },
      now.toISOString(),
    );
  }
  return { a, staff, manager, store };
}

async function phoneStream(a: TestApp): Promise<{ next(): Promise<string>; close(): void }> {
  const controller = new AbortController();
  const stream = await statusStream(`${a.url}/api/tickets/phone/events?token=token-900002`, controller.signal);
  return { next: () => stream.next(), close: () => controller.abort() };
}

/** what each path does with `waiting` people queued */
async function workWith(waiting: number): Promise<{ work: Record<string, Work>; consoleQueueRows: number }> {
  const { a, staff, manager, store } = await hallWithQueue(waiting);
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const work: Record<string, Work> = {};
  work.issue = await measureWork(async () => {
    const res = await a.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.waitingAhead).toBe(waiting);
    await turn(); // turn-soon runs once after the turn's events
  });
  work.priorityIssue = await measureWork(async () => {
    const res = await a.http('POST', '/api/tickets', { token: staff, body: { serviceId: 'tax-reg', priority: 'priority' } });
    expect(res.status, res.text).toBe(201);
    await turn();
  });
  work.callNext = await measureWork(async () => {
    const res = await a.http('POST', '/api/windows/w2/call-next', { token: staff });
    expect(res.status, res.text).toBe(200);
    expect(res.body.ticket.id).toBe('checked-in');
    await turn();
  });
  expect((await a.http('POST', '/api/windows/w2/skip', { token: staff })).status).toBe(200);
  const phone = await phoneStream(a);
  expect(await phone.next()).toContain('"waitingAhead"');
  work.callNextWithPhone = await measureWork(async () => {
    expect((await a.http('POST', '/api/windows/w2/call-next', { token: staff })).status).toBe(200);
    expect(await phone.next()).toContain('"waitingAhead"'); // moved up or called
    await turn();
  });
  phone.close();
  work.alertCheck = await measureWork(async () => {
    expect((await a.http('POST', '/api/supervision/halls/main/alerts/check', { token: manager })).status).toBe(200);
  });
  work.kioskServices = await measureWork(async () => {
    expect((await a.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).status).toBe(200);
  });
  work.snapshot = await measureWork(async () => {
    expect((await a.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display })).status).toBe(200);
  });
  work.ledStrip = await measureWork(async () => {
    expect((await new InProcessLink(a.server.ctx).windowDisplay('w2')).waiting).toBeGreaterThan(0);
  });
  work.consoleToday = await measureWork(async () => {
    expect((await a.http('GET', '/api/windows/w2/today', { token: staff })).body).toMatchObject({ served: 0, noShow: 1, serving: 1 });
  });
  const consoleQueue = await measureWork(async () => {
    const res = await a.http('GET', '/api/windows/w2/queue', { token: staff });
    expect(res.body.length).toBe(Math.min(200, waiting));
  });
  expect(store.sync.tickets.queuedCount('tax-reg')).toBeGreaterThanOrEqual(waiting);
  await a.close();
  app = undefined;
  return { work, consoleQueueRows: rowsOf(consoleQueue) };
}

// SQLite only: counts the statements better-sqlite3 runs, and fills the queue through the raw handle
describe.skipIf(sqliteOnly('statements'))('the work of one event does not grow with the queue', () => {
  it('issuing, calling (turn-soon, a phone following its ticket), the alert check, kiosk, board, LED and console counts: the same with 10 and 1,000 waiting', async () => {
    const { work: short } = await workWith(10);
    const { work: long, consoleQueueRows } = await workWith(1000);
    // the console lists the next 200 calls: it reads at most 200 of each part of the queue, not the queue
    expect(consoleQueueRows).toBeLessThan(1000);
    for (const path of Object.keys(short)) {
      expect(rowsOf(short[path]!), `${path} reads rows`).toBeGreaterThan(0);
      expect(long[path], `${path}: statements and rows with 1,000 waiting vs 10`).toEqual(short[path]);
    }
  });
});
