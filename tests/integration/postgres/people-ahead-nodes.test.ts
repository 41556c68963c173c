/**
 * "How many ahead of me" on the city store keeps each queue's order in the node's memory: it must
 * never answer from an order another node has since changed, nor from a write that rolled back.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { QueuedTicketRef } from '../../../server/app/ports.js';
import type { Ticket } from '../../../server/domain/model.js';
import { CLASS_RANK } from '../../../server/domain/wait-estimate.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { seedPgHall } from './pg-fixtures.js';
import { NOT_YET_CALLED } from '../../helpers/ticket-fixture.js';

const DAY = '2026-03-02';
const at = (minute: number) => new Date(Date.parse('2026-03-02T01:00:00.000Z') + minute * 60_000).toISOString();
const NOW = at(60);

let server: PostgresServer;
let a: PgStore;
let b: PgStore;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
beforeEach(async () => {
  const url = await server.createDatabase();
  a = await PgStore.open(url, { poolSize: 3 });
  b = await PgStore.open(url, { poolSize: 3 });
  await seedPgHall(a.pool);
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
});

function ticket(id: string, seqNo: number, minute: number, over: Partial<Ticket> = {}): Ticket {
  return {
    id,
    hallId: 'h1',
    serviceId: 's1',
    businessDay: DAY,
    seqNo,
    number: `A${String(seqNo).padStart(3, '0')}`,
    priority: 'normal',
    status: 'waiting',
    issuedAt: at(minute),
    ...NOT_YET_CALLED,
    statusToken: `tok-${id}`,
    kioskId: null,
    ...over,
  };
}
const ref = (t: Ticket): QueuedTicketRef => ({
  id: t.id,
  serviceId: t.serviceId,
  businessDay: t.businessDay,
  issuedAt: t.issuedAt,
  seqNo: t.seqNo,
  rank: CLASS_RANK.normal,
});

it('answers from the queue as it is now when another node has issued, called or transferred since', async () => {
  const plain = Array.from({ length: 6 }, (_, i) => ticket(`t${i + 1}`, i + 1, i));
  await b.writeHall('h1', async (tx) => {
    for (const t of plain) await tx.tickets.insert(t);
  });
  const last = ref(plain[5]!);
  expect(await a.tickets.countQueuedAhead(last, NOW)).toBe(5); // node a now keeps s1's order

  await b.writeHall('h1', async (tx) => {
    await tx.tickets.update({ ...plain[0]!, status: 'called', calledAt: at(30), windowId: 'w1' }); // called away
    await tx.tickets.update({ ...plain[1]!, status: 'transferred', transferredAt: at(31) }); // a transfer: still ahead, as a better class
    await tx.tickets.insert(ticket('late', 7, 40)); // issued after: not ahead
  });
  expect(await a.tickets.countQueuedAhead(last, NOW)).toBe(4);
  expect(await a.tickets.countQueuedAheadOfEach([ref(plain[2]!), last, ref(ticket('late', 7, 40))], NOW)).toEqual([1, 4, 5]);
});

it('forgets what a rolled-back transaction showed it', async () => {
  const plain = Array.from({ length: 3 }, (_, i) => ticket(`t${i + 1}`, i + 1, i + 10));
  await a.writeHall('h1', async (tx) => {
    for (const t of plain) await tx.tickets.insert(t);
  });
  const last = ref(plain[2]!);
  await expect(
    a.writeHall('h1', async (tx) => {
      await tx.tickets.insert(ticket('early', 9, 0)); // would stand first
      expect(await tx.tickets.countQueuedAhead(last, NOW)).toBe(3); // node a keeps the order it saw inside the transaction
      throw new Error('kiosk lost power');
    }),
  ).rejects.toThrow('kiosk lost power');
  expect(await a.tickets.countQueuedAhead(last, NOW)).toBe(2);
});
