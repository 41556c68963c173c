/**
 * One suite, two stores: the queue's core ports (halls, windows, tickets, calls) run the same
 * scenario on SQLite and on PostgreSQL and must give the same answers — and the answers a user
 * would expect (issue order, class order, the domain's count of people ahead).
 */
import { describe, expect, it } from 'vitest';
import type { QueuedTicketRef } from '../../../server/app/ports.js';
import type { Ticket } from '../../../server/domain/model.js';
import { CLASS_RANK, peopleAhead, type QueuedForEstimate } from '../../../server/domain/wait-estimate.js';
import { at, DAY, insertTickets, NEXT_DAY, seedHalls, ticket } from './seed.js';
import { useBothStores } from './both-stores.js';

const both = useBothStores({ seeded: false });
const same = both.same;

const ids = (ts: readonly Ticket[]) => ts.map((t) => t.id);

describe('halls, zones, services and windows', () => {
  it('reads the configuration in the same order, and keeps a window state', async () => {
    const answers = await same(async (s) => {
      const emptyBefore = await s.halls.isEmpty();
      await seedHalls(s);
      await s.write('h1', (tx) =>
        tx.halls.saveWindowState({ id: 'w1', status: 'paused', pauseReason: '午休', currentTicketId: null, staffId: 'u1', statusChangedAt: at(30) }),
      );
      return {
        emptyBefore,
        emptyAfter: await s.halls.isEmpty(),
        halls: await s.halls.halls(),
        hall: await s.halls.hall('h1'),
        missingHall: await s.halls.hall('nowhere'),
        zones: await s.halls.zones('h1'),
        zone: await s.halls.zone('z2'),
        departments: await s.halls.departments(),
        services: await s.halls.services('h1'),
        service: await s.halls.service('s3'),
        windows: await s.halls.windows('h1'),
        window: await s.halls.window('w1'),
        serving: (await s.halls.windowsServing('s2')).map((w) => w.id),
        servingNothing: await s.halls.windowsServing('nope'),
      };
    });
    expect(answers.emptyBefore).toBe(true);
    expect(answers.emptyAfter).toBe(false);
    expect(answers.halls.map((h) => h.id)).toEqual(['h1', 'h2']);
    expect(answers.hall).toMatchObject({ nameEn: 'Civic Centre', address: '人民路1号', notice: '带好身份证', policy: { priorityBurst: 3 } });
    expect(answers.zone).toEqual({ id: 'z2', hallId: 'h1', name: '二楼', announceFrom: ['z1'] });
    expect(answers.departments).toEqual([
      { id: 'd1', name: '市场监管' },
      { id: 'd2', name: '税务', nameEn: 'Tax' },
    ]);
    expect(answers.services.map((x) => x.id)).toEqual(['s1', 's2', 's3']); // position, then id
    expect(answers.service).toMatchObject({ enabled: false, avgServiceMinutes: 4.5 });
    expect(answers.windows.map((w) => [w.id, w.serviceIds])).toEqual([
      ['w1', ['s1', 's2']],
      ['w2', ['s2', 's1']],
      ['w3', ['s3']],
    ]);
    expect(answers.window).toMatchObject({ status: 'paused', pauseReason: '午休', staffId: 'u1', statusChangedAt: at(30) });
    expect(answers.serving).toEqual(['w1', 'w2']);
  });
});

describe('numbers', () => {
  it('count per hall, prefix and business day; a rolled-back issue gives its number back', async () => {
    const numbers = await same(async (s) => {
      await seedHalls(s);
      const next = (hallId: string, prefix: string, day: string) => s.write(hallId, (tx) => tx.tickets.nextSequence(hallId, prefix, day));
      const got = [
        await next('h1', 'A', DAY),
        await next('h1', 'A', DAY),
        await next('h1', 'B', DAY),
        await next('h1', 'A', NEXT_DAY),
        await next('h2', 'A', DAY),
      ];
      await expect(
        s.write('h1', async (tx) => {
          await tx.tickets.nextSequence('h1', 'A', DAY);
          throw new Error('printer on fire');
        }),
      ).rejects.toThrow('printer on fire');
      got.push(await next('h1', 'A', DAY));
      return got;
    });
    expect(numbers).toEqual([1, 2, 1, 1, 1, 3]);
  });
});

// s1's day at 09:30: plain, priority, transfers, a check-in in its slot (slot times with an offset),
// one whose slot has not begun, one done; s2 beside it; yesterday's leftover and tomorrow's ticket.
const NOW = at(30);
const QUEUE: Ticket[] = [
  ticket('a1', 's1', 1, 0),
  ticket('a2', 's1', 2, 1, { priority: 'priority' }),
  ticket('a3', 's1', 3, 2, { status: 'transferred', transferredFromServiceId: 's2', transferredAt: at(20) }),
  ticket('b1', 's2', 1, 2),
  ticket('a4', 's1', 4, 3),
  ticket('a5', 's1', 5, 4, { priority: 'priority', status: 'transferred', transferredFromServiceId: 's2', transferredAt: at(21) }),
  ticket('a6', 's1', 6, 5, { appointmentId: 'ap1', slotStart: '2026-03-02T08:50:00+08:00', slotEnd: '2026-03-02T09:20:00+08:00' }),
  ticket('a7', 's1', 7, 6, { appointmentId: 'ap2', slotStart: '2026-03-02T11:00:00+08:00', slotEnd: '2026-03-02T11:30:00+08:00' }),
  ticket('a8', 's1', 8, 7, { status: 'done', calledAt: at(8), startedAt: at(9), finishedAt: at(15), windowId: 'w1' }),
  ticket('a9', 's1', 9, 8),
  ticket('b2', 's2', 2, 9, { priority: 'priority' }),
  ticket('y1', 's1', 40, -1440, { businessDay: '2026-03-01' }),
  ticket('x1', 's1', 1, 1441, { businessDay: NEXT_DAY }),
];

/** the class each queued ticket of the day has at NOW, as the wait estimate ranks them */
function rankAt(t: Ticket): keyof typeof CLASS_RANK {
  if (t.slotStart && t.slotEnd && Date.parse(t.slotStart) <= Date.parse(NOW)) return 'appointment';
  return t.priority === 'priority' ? 'priority' : t.status === 'transferred' ? 'transfer' : 'normal';
}
const refOf = (t: Ticket): QueuedTicketRef => ({
  id: t.id,
  serviceId: t.serviceId,
  businessDay: t.businessDay,
  issuedAt: t.issuedAt,
  seqNo: t.seqNo,
  rank: CLASS_RANK[rankAt(t)],
});
const estimateOf = (t: Ticket): QueuedForEstimate => ({ id: t.id, issuedAt: new Date(t.issuedAt), seqNo: t.seqNo, rank: rankAt(t) });

/** what the domain reckons for each queued ticket of the day, from the whole queue */
function expectedAhead(queue: readonly Ticket[]): Record<string, number> {
  const queued = queue.filter((t) => (t.status === 'waiting' || t.status === 'transferred') && t.businessDay === DAY);
  return Object.fromEntries(queued.map((t) => [t.id, peopleAhead(estimateOf(t), queued.filter((q) => q.serviceId === t.serviceId).map(estimateOf))]));
}

describe('the queue', () => {
  it('lists, counts and offers candidates in issue order, by day, class and slot', async () => {
    const answers = await same(async (s) => {
      await seedHalls(s);
      await insertTickets(s, QUEUE);
      return {
        queuedOfDay: ids(await s.tickets.queued(['s1', 's2'], DAY)),
        queuedAnyDay: ids(await s.tickets.queued(['s1'])),
        queuedNone: await s.tickets.queued([]),
        pastMarks: Object.fromEntries(await s.tickets.waitingPastMarks(['s1', 's2'], [at(4), at(2), at(0)])),
        counts: [await s.tickets.queuedCount('s1', DAY), await s.tickets.queuedCount('s1'), await s.tickets.queuedCount('s2', NEXT_DAY)],
        candidates1: ids(await s.tickets.callCandidates(['s1', 's2'], DAY, 1)),
        candidates2: ids(await s.tickets.callCandidates(['s2', 's1', 's1'], DAY, 2)),
        withSlot: ids(await s.tickets.queuedWithSlot('s1')),
        get: await s.tickets.get('a5'),
        missing: await s.tickets.get('zz'),
      };
    });
    expect(answers.queuedOfDay).toEqual(['a1', 'a2', 'b1', 'a3', 'a4', 'a5', 'a6', 'a7', 'a9', 'b2']);
    expect(answers.queuedAnyDay).toEqual(['y1', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a9', 'x1']);
    // queued (any day) at or before each instant, per service, and the oldest one's issue time
    expect(answers.pastMarks).toEqual({
      s1: { oldestIssuedAt: at(-1440), pastMarks: [6, 4, 2] },
      s2: { oldestIssuedAt: at(2), pastMarks: [1, 1, 0] },
    });
    expect(answers.counts).toEqual([8, 10, 0]);
    // the head of each part (waiting/transferred × priority/normal) of each service, and every check-in
    expect(answers.candidates1).toEqual(['a1', 'a2', 'b1', 'a3', 'a5', 'a6', 'a7', 'b2']);
    expect(answers.candidates2).toEqual(['a1', 'a2', 'b1', 'a3', 'a4', 'a5', 'a6', 'a7', 'b2']);
    expect(answers.withSlot).toEqual(['a6', 'a7']);
    expect(answers.get).toMatchObject({ number: 'A005', priority: 'priority', status: 'transferred', transferredFromServiceId: 's2', restored: false });
  });

  it('counts the people ahead of each ticket as the domain does, with priorities, transfers and check-ins, before and after a change', async () => {
    const changed = QUEUE.map((t) => (t.id === 'a4' ? { ...t, status: 'transferred' as const, transferredFromServiceId: 's2', transferredAt: at(25) } : t));
    const queuedRefs = (queue: readonly Ticket[]) =>
      queue.filter((t) => t.businessDay === DAY && (t.status === 'waiting' || t.status === 'transferred')).map(refOf);
    const answers = await same(async (s) => {
      await seedHalls(s);
      await insertTickets(s, QUEUE);
      const refs = queuedRefs(QUEUE);
      const each = await s.tickets.countQueuedAheadOfEach(refs, NOW);
      const one = await Promise.all(refs.map((r) => s.tickets.countQueuedAhead(r, NOW)));
      // with atMost a store may stop counting past it: only "more than 2" is an answer
      const capped = (await s.tickets.countQueuedAheadOfEach(refs, NOW, 2)).map((n) => Math.min(n, 3));
      await s.write('h1', (tx) => tx.tickets.update(changed.find((t) => t.id === 'a4')!));
      const after = await s.tickets.countQueuedAheadOfEach(queuedRefs(changed), NOW);
      return {
        each: Object.fromEntries(refs.map((r, i) => [r.id, each[i]])),
        one,
        capped,
        after: Object.fromEntries(queuedRefs(changed).map((r, i) => [r.id, after[i]])),
      };
    });
    const expected = expectedAhead(QUEUE);
    expect(answers.each).toEqual(expected);
    expect(answers.each).toMatchObject({ a6: 0, a2: 1, a5: 2, a3: 3, a1: 4, a7: 6 });
    expect(answers.one).toEqual(Object.values(answers.each));
    expect(answers.capped).toEqual(Object.values(expected).map((n) => Math.min(n, 3)));
    expect(answers.after).toEqual(expectedAhead(changed));
  });
});

describe('calls and finished tickets', () => {
  it('records calls, counts a window day and gives the service times of finished tickets', async () => {
    const answers = await same(async (s) => {
      await seedHalls(s);
      await insertTickets(s, QUEUE);
      const call = (ticketId: string, queueClass: 'normal' | 'priority' | 'recall', minute: number) =>
        s.write('h1', (tx) =>
          tx.tickets.recordCall({ ticketId, windowId: 'w1', staffId: 'u1', queueClass, reason: 'test', recall: queueClass === 'recall', calledAt: at(minute) }),
        );
      await call('a1', 'normal', 31);
      await call('a2', 'priority', 32);
      await call('a2', 'recall', 33);
      const a1 = QUEUE.find((t) => t.id === 'a1')!;
      const a2 = QUEUE.find((t) => t.id === 'a2')!;
      await s.write('h1', async (tx) => {
        await tx.tickets.update({
          ...a1,
          status: 'done',
          calledAt: at(31),
          startedAt: at(31.5),
          finishedAt: at(40.25),
          windowId: 'w1',
          staffId: 'u1',
          callCount: 1,
        });
        await tx.tickets.update({ ...a2, status: 'serving', calledAt: at(32), startedAt: at(41), windowId: 'w1', staffId: 'u1', callCount: 2 });
      });
      const ms = (n: number) => Math.round(n * 1000) / 1000; // julianday() and timestamptz differ past the millisecond
      return {
        classes: await s.tickets.recentCallClasses('w1', 10),
        recent: await s.tickets.recentCalls('h1', 2),
        otherHall: await s.tickets.recentCalls('h2', 5),
        atWindow: await s.tickets.countsAtWindow('w1', DAY),
        // in issue order; tickets issued in the same millisecond come in no promised order (SQLite: insertion)
        byDay: (await s.tickets.byDay('h1', DAY)).map((t) => t.issuedAt),
        byDayIds: ids(await s.tickets.byDay('h1', DAY)).sort(),
        seconds: (await s.tickets.recentServiceSeconds('s1', 5)).map(ms),
        samples: (await s.serviceTimes.recentSamples('s1', 1)).map((x) => ({ ...x, seconds: ms(x.seconds) })),
        queuedAfter: await s.tickets.queuedCount('s1', DAY),
      };
    });
    expect(answers.classes).toEqual(['priority', 'normal']);
    expect(answers.recent).toEqual([
      { number: 'A002', windowId: 'w1', windowNumber: 1, at: at(33) },
      { number: 'A002', windowId: 'w1', windowNumber: 1, at: at(32) },
    ]);
    expect(answers.otherHall).toEqual([]);
    expect(answers.atWindow).toEqual({ done: 2, serving: 1 });
    expect(answers.byDay).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9].map(at));
    expect(answers.byDayIds).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'b1', 'b2']);
    expect(answers.seconds).toEqual([525, 360]);
    expect(answers.samples).toEqual([{ startedAt: at(31.5), seconds: 525 }]);
    expect(answers.queuedAfter).toBe(6);
  });
});
