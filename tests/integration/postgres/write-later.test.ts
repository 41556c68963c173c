/**
 * A call's ticket, window and call row go to PostgreSQL with its event, in one message, while the
 * hall's lock is held (server/store/postgres/write-later.ts): the statements still run in order, a
 * failing one undoes the whole write (or its savepoint), and its event seq is not taken.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { issueTicketOnPg } from '../../../server/store/postgres/queue-core.js';
import type { HallServer } from '../../../server/server.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { seedPgHall } from './pg-fixtures.js';

const NOW = new Date('2026-03-02T02:00:00.000Z');

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => server?.stop());

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** every message sent to PostgreSQL by this process while `fn` runs */
async function messagesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text) sent.push(text);
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = query;
  }
  return sent;
}

async function store(): Promise<PgStore> {
  const s = await PgStore.open(await server.createDatabase(), { poolSize: 3 });
  closing.push(() => s.close());
  await seedPgHall(s.pool);
  return s;
}

/** a call of `ticketId` at w1, its call row naming `callOf` (a ticket that does not exist: the row fails its foreign key) */
const called = (s: PgStore, ticketId: string, callOf = ticketId) =>
  s.writeHall('h1', async (tx) => {
    const t = (await tx.tickets.get(ticketId))!;
    await tx.tickets.update({ ...t, status: 'called', calledAt: NOW.toISOString(), windowId: 'w1', callCount: 1 });
    await tx.halls.saveWindowState({
      id: 'w1',
      status: 'open',
      pauseReason: null,
      currentTicketId: ticketId,
      staffId: null,
      statusChangedAt: NOW.toISOString(),
    });
    await tx.tickets.recordCall({
      ticketId: callOf,
      windowId: 'w1',
      staffId: null,
      recall: false,
      calledAt: NOW.toISOString(),
      reason: "it's \\ 'quoted'",
      queueClass: 'normal',
    });
    return await tx.events.append({ type: 'ticket.called', hallId: 'h1', windowId: 'w1', at: NOW.toISOString(), data: { ticketId, note: "'\\" } as never });
  });

describe('writes sent with the next statement of a hall write (PostgreSQL)', () => {
  it('a call over HTTP sends its ticket, window, call row and event in one message', async () => {
    const app: TestApp<HallServer> = await buildTestApp({ database: await server.createDatabase() });
    closing.push(() => app.close());
    const clerk = await app.login('wangfang');
    expect((await app.http('POST', '/api/windows/w1/open', { token: clerk })).status).toBe(200);
    expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } })).status).toBe(201);
    const sent = await messagesDuring(async () => {
      const res = await app.http('POST', '/api/windows/w1/call-next', { token: clerk, body: {} });
      expect(res.status, res.text).toBe(200);
    });
    const withCall = sent.filter((m) => m.includes('INSERT INTO calls'));
    expect(withCall).toHaveLength(1);
    expect(withCall[0]).toMatch(/UPDATE tickets[\s\S]*UPDATE windows[\s\S]*INSERT INTO calls[\s\S]*INSERT INTO events/);
  });

  it('the statements run in order and their values arrive as written (quotes, backslashes)', async () => {
    const s = await store();
    const { value: t } = await issueTicketOnPg(s, { serviceId: 's1', now: NOW });
    const event = await called(s, t.id);
    expect(event.seq).toBeGreaterThan(0);
    expect((await s.tickets.get(t.id))!.status).toBe('called');
    expect((await s.halls.window('w1'))!.currentTicketId).toBe(t.id);
    const { rows } = await s.pool.query('SELECT reason FROM calls WHERE ticket_id = $1', [t.id]);
    expect(rows[0].reason).toBe("it's \\ 'quoted'");
    const [stored] = await s.events.since('h1', event.seq - 1, 1);
    expect(stored!.data).toEqual({ ticketId: t.id, note: "'\\" });
  });

  it('a write that fails with the event undoes the whole write: the ticket still waits, no seq is taken', async () => {
    const s = await store();
    const { value: t } = await issueTicketOnPg(s, { serviceId: 's1', now: NOW });
    const lastSeq = await s.events.lastSeq('h1');
    await expect(called(s, t.id, 'no-such-ticket')).rejects.toThrow(/foreign key/);
    expect((await s.tickets.get(t.id))!.status).toBe('waiting');
    expect((await s.halls.window('w1'))!.currentTicketId).toBeNull();
    expect(await s.events.lastSeq('h1')).toBe(lastSeq);
  });

  it('in a savepoint, a failing write undoes the savepoint only; the outer write goes on and commits', async () => {
    const s = await store();
    const { value: first } = await issueTicketOnPg(s, { serviceId: 's1', now: NOW });
    const { value: second } = await issueTicketOnPg(s, { serviceId: 's1', now: NOW });
    await s.writeHall('h1', async (tx) => {
      await expect(
        tx.writeHall('h1', async (inner) => {
          await inner.tickets.update({ ...first, status: 'called', calledAt: NOW.toISOString(), windowId: 'w1', callCount: 1 });
          await inner.tickets.recordCall({
            ticketId: 'no-such-ticket',
            windowId: 'w1',
            staffId: null,
            recall: false,
            calledAt: NOW.toISOString(),
            reason: '',
            queueClass: 'normal',
          });
        }),
      ).rejects.toThrow(/foreign key/);
      await tx.tickets.update({ ...second, status: 'called', calledAt: NOW.toISOString(), windowId: 'w1', callCount: 1 });
    });
    expect((await s.tickets.get(first.id))!.status).toBe('waiting');
    expect((await s.tickets.get(second.id))!.status).toBe('called');
  });
});
