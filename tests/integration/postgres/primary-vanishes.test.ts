/**
 * The PostgreSQL primary's machine vanishes (power cut, partition): its connections go silent, no
 * FIN, no RST, and new ones get no answer. Without bounds a kiosk's request waited for the kernel's
 * TCP retransmissions to give up (about 15 min). With them the kiosk is told to try again (503)
 * within the bound, the node says it is not ready, and once the address leads to a live server
 * again (the virtual IP moved) the node issues again and its boards get every event, LISTEN re-opened.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { HallServer } from '../../../server/server.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import type { PgTimeouts } from '../../../server/store/postgres/pg-timeouts.js';
import { freezableRelay } from '../../helpers/freezable-relay.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig, TOKENS } from '../../helpers/test-config.js';
import { testDatabase } from '../../helpers/test-store.js';
import { waitFor } from '../../helpers/wait-for.js';
import { listen } from '../realtime/realtime-steps.js';

const TIMEOUTS: PgTimeouts = { connectMs: 1000, queryMs: 1000, reportMs: 0, idleInTransactionMs: 5000, listenPingMs: 500 };
/** a request's longest wait on a silent database: its turn behind the hall's write in flight, then its own statement or connection */
const BOUND_MS = TIMEOUTS.queryMs + Math.max(TIMEOUTS.queryMs, TIMEOUTS.connectMs);
/** the server's default leader lease */
const LEADER_LEASE_MS = 5000;
/** for a loaded machine */
const MARGIN_MS = 2000;

type Ticket = { id: string; number: string };

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const issue = (app: TestApp<HallServer>) => app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });

describe('a PostgreSQL primary that vanishes without closing its connections', () => {
  it('answers 503 with Retry-After within its bound, says not ready, then issues again and streams every event once the address leads to a live server', async () => {
    const database = await testDatabase(testConfig());
    const relay = await freezableRelay(new URL(database.url));
    // node 1 reaches PostgreSQL through the relay; node 2's route holds, so its commits reach node 1 only through the log
    const node1 = await buildTestApp({ database: relay.url, pgTimeouts: TIMEOUTS });
    const node2 = await buildTestApp({ database: database.url, pgTimeouts: TIMEOUTS });
    const acknowledged: Ticket[] = [];
    const issued = async (app: TestApp<HallServer>) => {
      const res = await issue(app);
      expect(res.status, res.text).toBe(201);
      acknowledged.push(res.body as Ticket);
    };
    try {
      const board = await listen(node1.socket(TOKENS.display));
      expect((await board.subscribe({ hallId: 'main' })).ok).toBe(true);
      await issued(node1);
      await issued(node1);
      // connections idle in the pool when the primary vanishes: each would cost a request a bound once it is back
      const pool = (node1.server.store as PgStore).pool;
      await Promise.all(Array.from({ length: 6 }, () => pool.query('SELECT pg_sleep(0.05)')));

      relay.cut();
      const during = await Promise.all([...Array.from({ length: 4 }, () => timed(() => issue(node1))), timed(() => node1.http('GET', '/api/health'))]);
      const [health, healthMs] = during.pop()!;
      for (const [res, ms] of during) {
        expect(res.status, res.text).toBe(503);
        expect(res.body.error.code).toBe('DATABASE_UNAVAILABLE');
        expect(res.headers.get('retry-after')).toBe('2');
        expect(ms, 'a kiosk is answered within the bound').toBeLessThan(BOUND_MS + MARGIN_MS);
      }
      expect([health.status, health.body.db]).toEqual([503, 'error']);
      expect(healthMs).toBeLessThan(BOUND_MS + MARGIN_MS);
      // the pool's frozen connections are gone: a request now waits for a new one, which gets no answer either
      const [again, againMs] = await timed(() => issue(node1));
      expect(again.status, again.text).toBe(503);
      expect(againMs).toBeLessThan(BOUND_MS + MARGIN_MS);
      await issued(node2);
      await issued(node2);

      relay.passNew(); // the address leads to a live server again; the old connections stay silent for good
      await issued(node1); // at once: the pool dropped its idle connections with the first that went silent
      await waitFor(async () => (await node1.http('GET', '/api/health')).status === 200, 'node 1 ready again');
      await issued(node2);

      const ids = () => board.events.filter((e) => e.type === 'ticket.issued').map((e) => (e.data as { ticketId: string }).ticketId);
      await waitFor(
        () => acknowledged.every((t) => ids().includes(t.id)),
        () => `every issued ticket on node 1's board, node 2's through LISTEN and the log (got ${ids().length} of ${acknowledged.length})`,
      );
      const seqs = board.events.map((e) => e.seq);
      expect(seqs, 'the board gets each event once, in seq order').toEqual([...seqs].sort((a, b) => a - b).filter((s, i, all) => all.indexOf(s) === i));

      const direct = new pg.Client({ connectionString: database.url });
      await direct.connect();
      const { rows } = await direct.query<Ticket>("SELECT id, number FROM tickets WHERE hall_id = 'main'").finally(() => direct.end());
      expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(acknowledged.map((t) => t.id)));
      expect(new Set(rows.map((r) => r.number)).size, 'no number twice').toBe(rows.length);
    } finally {
      await node1.close();
      await node2.close();
      relay.close();
      await database.drop();
    }
  });

  it("a node that goes silent inside a hall's write holds the hall's lock only until PostgreSQL ends its idle transaction", async () => {
    const database = await testDatabase(testConfig());
    const relay = await freezableRelay(new URL(database.url));
    const IDLE_MS = 1500;
    const vanishing = await PgStore.open(relay.url, { poolSize: 2, timeouts: { ...TIMEOUTS, idleInTransactionMs: IDLE_MS } });
    // the other node's statements may wait longer than the idle bound: it is the server's bound that frees the hall
    const other = await PgStore.open(database.url, { poolSize: 2, timeouts: { ...TIMEOUTS, queryMs: 4 * IDLE_MS } });
    try {
      const stuck = vanishing.writeHall('main', async (tx) => {
        await tx.query('SELECT 1'); // the hall's lock is held from here
        relay.freeze();
        await tx.query('SELECT 2');
      });
      await expect(stuck).rejects.toThrow('Query read timeout');
      const [, waitedMs] = await timed(() => other.writeHall('main', async (tx) => void (await tx.query('SELECT 1'))));
      expect(waitedMs, "the hall's next write waits for the server's idle bound, not for TCP").toBeLessThan(IDLE_MS + MARGIN_MS);
    } finally {
      await other.close();
      relay.close();
      await vanishing.close();
      await database.drop();
    }
  });

  it('a node stopped while the primary is silent closes within its bounds, not waiting for goodbyes that never come', async () => {
    const database = await testDatabase(testConfig());
    const relay = await freezableRelay(new URL(database.url));
    const node = await buildTestApp({ database: relay.url, pgTimeouts: TIMEOUTS });
    const pool = (node.server.store as PgStore).pool;
    try {
      await Promise.all(Array.from({ length: 4 }, () => pool.query('SELECT pg_sleep(0.05)')));
      relay.freeze(); // idle pool connections, the LISTEN and the leader connection: all silent
      const [, closeMs] = await timed(() => node.close());
      // a leader heartbeat in flight is awaited up to its lease (5 s), then each silent connection is cut after its grace
      expect(closeMs).toBeLessThan(LEADER_LEASE_MS + 3 * TIMEOUTS.connectMs + MARGIN_MS);
    } finally {
      relay.close();
      await node.close();
      await database.drop();
    }
  });
});
