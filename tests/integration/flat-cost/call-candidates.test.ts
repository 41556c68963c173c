import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';
import { asQueued, toWaiting } from '../../../server/app/queue-view.js';
import { seedDatabase } from '../../../server/config/seed.js';
import type { Ticket } from '../../../server/domain/model.js';
import { chooseNextTicket, type NextTicketInput, type QueueClass, type WaitingTicket } from '../../../server/domain/next-ticket.js';
import { CLASS_RANK, peopleAhead } from '../../../server/domain/wait-estimate.js';
import { testConfig } from '../../helpers/test-config.js';
import { insertQueue, random, randomPolicy, randomRecentClasses, randomWindowServices } from './generated-queues.js';

const NOW = new Date('2026-11-23T03:00:00.000Z');
const QUEUES = 300;

let dir: string;
let store: SqliteStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-candidates-'));
  store = openSqliteStore(join(dir, 'hall.sqlite'));
  seedDatabase(store.db, testConfig());
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `calls` successive "call next"s over a queue, as the console shows them: the ids in call order. */
function callOrder(input: Omit<NextTicketInput, 'waiting'>, waiting: readonly Ticket[], calls: number): string[] {
  const remaining: WaitingTicket[] = waiting.map(toWaiting);
  const recent: QueueClass[] = [...input.recentCallClasses];
  const order: string[] = [];
  while (order.length < calls) {
    const choice = chooseNextTicket({ ...input, waiting: remaining, recentCallClasses: recent });
    if (!choice) break;
    remaining.splice(remaining.indexOf(choice.ticket), 1);
    recent.unshift(choice.queueClass);
    order.push(`${choice.ticket.id} ${choice.queueClass} ${choice.reason}`);
  }
  return order;
}

describe('callCandidates: the heads of the queue are all "call next" needs', () => {
  it('chooses the same ticket, class and reason as the whole queue, on 300 generated queues', () => {
    const rnd = random(11);
    let nonEmpty = 0;
    for (let q = 0; q < QUEUES; q++) {
      const day = `gen-a-${q}`;
      insertQueue(store, rnd, day, NOW, rnd.int(0, 60));
      const serviceIds = randomWindowServices(rnd);
      const input = { serviceIds, recentCallClasses: randomRecentClasses(rnd), now: NOW, policy: randomPolicy(rnd) };
      const whole = callOrder(input, store.sync.tickets.queued(serviceIds, day), 1);
      const heads = callOrder(input, store.sync.tickets.callCandidates(serviceIds, day, 1), 1);
      expect(heads, `queue ${day}`).toEqual(whole);
      if (whole.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(QUEUES * 0.9);
  });

  it("gives the first k calls in the whole queue's order from the first k of each part", () => {
    const rnd = random(23);
    for (let q = 0; q < 100; q++) {
      const day = `gen-b-${q}`;
      insertQueue(store, rnd, day, NOW, rnd.int(10, 80));
      const serviceIds = randomWindowServices(rnd);
      const input = { serviceIds, recentCallClasses: randomRecentClasses(rnd), now: NOW, policy: randomPolicy(rnd) };
      const k = rnd.int(2, 12);
      expect(callOrder(input, store.sync.tickets.callCandidates(serviceIds, day, k), k), `queue ${day}`).toEqual(
        callOrder(input, store.sync.tickets.queued(serviceIds, day), k),
      );
    }
  });

  it('reads a few rows however long the queue: not one more with 1,000 waiting than with 10', () => {
    const rnd = random(5);
    insertQueue(store, rnd, 'gen-short', NOW, 10);
    insertQueue(store, rnd, 'gen-long', NOW, 1000);
    const heads = (day: string) => store.sync.tickets.callCandidates(['tax-reg', 'invoice', 'license'], day, 1);
    const slotted = (day: string) => store.sync.tickets.queued(['tax-reg', 'invoice', 'license'], day).filter((t) => t.slotStart).length;
    // one head per (service, status, priority) part at most, plus the appointment check-ins
    expect(heads('gen-long').length).toBeLessThanOrEqual(3 * 4 + slotted('gen-long'));
    expect(heads('gen-short').length).toBeLessThanOrEqual(3 * 4 + slotted('gen-short'));
  });
});

describe('countQueuedAhead on generated queues', () => {
  it('equals the domain rule peopleAhead for every queued ticket, and answers "within n?" exactly', () => {
    const rnd = random(42);
    for (let q = 0; q < 60; q++) {
      const day = `gen-c-${q}`;
      const tickets = insertQueue(store, rnd, day, NOW, rnd.int(1, 60));
      const queued = tickets.filter((t) => t.status === 'waiting' || t.status === 'transferred');
      for (const t of queued) {
        const own = asQueued(t, NOW);
        const expected = peopleAhead(
          own,
          queued.filter((x) => x.serviceId === t.serviceId).map((x) => asQueued(x, NOW)),
        );
        const ref = { id: t.id, serviceId: t.serviceId, businessDay: day, issuedAt: t.issuedAt, seqNo: t.seqNo, rank: CLASS_RANK[own.rank] };
        expect(store.sync.tickets.countQueuedAhead(ref, NOW.toISOString()), t.id).toBe(expected);
        const atMost = rnd.int(0, 5);
        const bounded = store.sync.tickets.countQueuedAhead(ref, NOW.toISOString(), atMost);
        if (expected <= atMost) expect(bounded, t.id).toBe(expected);
        else expect(bounded, t.id).toBeGreaterThan(atMost);
      }
    }
  });
});
