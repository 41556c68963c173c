/**
 * The outboxes and the settings give the same answers on SQLite and on PostgreSQL: the
 * notification outbox (enqueue once per dedupe key, due, claimed for a while, sent, failed and
 * retried with the dispatcher's backoff, given up, dropped, rescheduled), the 好差评 push queue
 * and its marks, and the settings documents. On PostgreSQL two nodes claiming at once never take
 * the same message.
 */
import { describe, expect, it } from 'vitest';
import type { NewOutboxMessage } from '../../../db/repositories/outbox-repository.js';
import { retryDelaySeconds } from '../../../server/notify/outbox-dispatcher.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { at } from './seed.js';
import { useBothStores } from './both-stores.js';

const both = useBothStores({ seeded: false });
const same = both.same;

const message = (key: string, minute: number, over: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  hallId: 'h1',
  kind: 'reminder',
  dedupeKey: key,
  appointmentId: 'a1',
  payload: { code: 'K7PX', slot: { start: at(120), service: '营业执照' }, lines: ['请携带身份证', 'Bring your ID'] },
  dueAt: at(minute),
  ...over,
});
/** the dispatcher's next attempt after `attempts` failures, from `minute` */
const retryAt = (minute: number, attempts: number) => new Date(Date.parse(at(minute)) + retryDelaySeconds(attempts) * 1000).toISOString();

describe('the notification outbox', () => {
  it('queues a message once per dedupe key and gives what is due in due order', async () => {
    const answers = await same(async (s) => {
      const queued = [
        await s.outbox.enqueue(message('a1:reminder:1440', 10)),
        await s.outbox.enqueue(message('a1:booked', 0, { kind: 'booked' })),
        await s.outbox.enqueue(message('a1:booked', 5, { kind: 'booked', payload: { other: true } })),
        await s.outbox.enqueue(message('a2:booked', 0, { kind: 'booked', appointmentId: 'a2', hallId: 'h2' })),
      ];
      return {
        queued,
        dueAt0: (await s.outbox.due(at(0), 10)).map((m) => m.dedupeKey),
        dueAt10: (await s.outbox.due(at(10), 10)).map((m) => m.dedupeKey),
        limited: (await s.outbox.due(at(10), 1)).map((m) => m.dedupeKey),
        all: await s.outbox.all('h1'),
      };
    });
    expect(answers.queued).toEqual([true, true, false, true]);
    expect(answers.dueAt0).toEqual(['a1:booked', 'a2:booked']);
    expect(answers.dueAt10).toEqual(['a1:booked', 'a2:booked', 'a1:reminder:1440']);
    expect(answers.limited).toEqual(['a1:booked']);
    expect(answers.all.map((m) => m.dedupeKey)).toEqual(['a1:reminder:1440', 'a1:booked']);
    expect(answers.all[1]).toMatchObject({
      kind: 'booked',
      appointmentId: 'a1',
      payload: { code: 'K7PX', slot: { start: at(120), service: '营业执照' }, lines: ['请携带身份证', 'Bring your ID'] },
      dueAt: at(0),
      nextAttemptAt: at(0),
      attempts: 0,
      status: 'pending',
      sentAt: null,
      lastError: null,
    });
  });

  it('lends a claimed message to one sender until its lease ends, then sends it or retries it with backoff until it gives up', async () => {
    const answers = await same(async (s) => {
      await s.outbox.enqueue(message('m1', 0));
      await s.outbox.enqueue(message('m2', 1));
      await s.outbox.enqueue(message('m3', 2));
      const claimed = await s.outbox.claimDue(at(5), at(7), 2);
      const whileLent = (await s.outbox.claimDue(at(6), at(8), 10)).map((m) => m.dedupeKey);
      const afterLease = (await s.outbox.claimDue(at(7), at(9), 10)).map((m) => m.dedupeKey);
      const [m1, m2, m3] = (await s.outbox.all('h1')).map((m) => m.id);
      await s.outbox.markSent(m1!, at(7));
      await s.outbox.markAttemptFailed(m2!, '网关超时', retryAt(7, 1));
      await s.outbox.markAttemptFailed(m3!, 'x'.repeat(800), null);
      const retry = { notYet: await s.outbox.due(at(7), 10), then: await s.outbox.due(retryAt(7, 1), 10) };
      await s.outbox.markAttemptFailed(m2!, '网关超时', retryAt(8, 2));
      return {
        claimed: claimed.map((m) => [m.dedupeKey, m.nextAttemptAt, m.attempts]),
        whileLent,
        afterLease,
        retry: { notYet: retry.notYet.map((m) => m.dedupeKey), then: retry.then.map((m) => [m.dedupeKey, m.attempts, m.lastError]) },
        all: (await s.outbox.all('h1')).map((m) => [m.dedupeKey, m.status, m.attempts, m.nextAttemptAt, m.sentAt, m.lastError?.length ?? null]),
        dueLater: (await s.outbox.due('9000-01-01T00:00:00.000Z', 10)).map((m) => m.dedupeKey),
      };
    });
    expect(answers.claimed).toEqual([
      ['m1', at(7), 0],
      ['m2', at(7), 0],
    ]);
    expect(answers.whileLent).toEqual(['m3']);
    expect(answers.afterLease).toEqual(['m1', 'm2']);
    expect(answers.retry).toEqual({ notYet: [], then: [['m2', 1, '网关超时']] });
    expect(answers.all).toEqual([
      ['m1', 'sent', 1, at(9), at(7), null],
      ['m2', 'pending', 2, retryAt(8, 2), null, '网关超时'.length],
      ['m3', 'failed', 1, '9999', null, 500],
    ]);
    expect(retryAt(8, 2) > retryAt(7, 1)).toBe(true);
    expect(answers.dueLater).toEqual(['m2']);
  });

  it('drops what an appointment no longer wants and moves a pending message earlier', async () => {
    const answers = await same(async (s) => {
      await s.outbox.enqueue(message('a1:reminder:1440', 10));
      await s.outbox.enqueue(message('a1:reminder:60', 20));
      await s.outbox.enqueue(message('a1:cancelled', 0, { kind: 'cancelled' }));
      await s.outbox.enqueue(message('b1:bar-end', 900, { kind: 'bar-end', appointmentId: null }));
      await s.outbox.enqueue(message('b2:bar-end', 900, { kind: 'bar-end', appointmentId: null }));
      await s.outbox.dropPending('a1', 'cancelled');
      const [, , , , b2] = (await s.outbox.all('h1')).map((m) => m.id);
      await s.outbox.markDropped(b2!);
      return {
        moved: await s.outbox.reschedule('b1:bar-end', at(30)),
        droppedNotMoved: await s.outbox.reschedule('b2:bar-end', at(30)),
        unknown: await s.outbox.reschedule('nope', at(30)),
        all: (await s.outbox.all('h1')).map((m) => [m.dedupeKey, m.status, m.dueAt]),
        dueAt30: (await s.outbox.due(at(30), 10)).map((m) => m.dedupeKey),
      };
    });
    expect(answers.moved).toBe(true);
    expect(answers.droppedNotMoved).toBe(false);
    expect(answers.unknown).toBe(false);
    expect(answers.all).toEqual([
      ['a1:reminder:1440', 'dropped', at(10)],
      ['a1:reminder:60', 'dropped', at(20)],
      ['a1:cancelled', 'pending', at(0)],
      ['b1:bar-end', 'pending', at(30)],
      ['b2:bar-end', 'dropped', at(900)],
    ]);
    expect(answers.dueAt30).toEqual(['a1:cancelled', 'b1:bar-end']);
  });
});

describe('the 好差评 push queue', () => {
  it('queues each rating once, claims, sends, retries and counts, and keeps the hall’s event mark', async () => {
    const answers = await same(async (s) => {
      const push = (key: string, minute: number, hallId = 'h1') =>
        s.haocha.enqueue({ hallId, kind: 'rating', dedupeKey: key, payload: { level: 5, 评价: '非常满意', tags: [] }, createdAt: at(minute) });
      const queued = [await push('r1', 0), await push('r2', 1), await push('r1', 2), await push('r9', 0, 'h2')];
      const claimed = (await s.haocha.claimDue(at(3), at(4), 10)).map((m) => [m.dedupeKey, m.nextAttemptAt]);
      const [r1, r2] = (await s.haocha.recent('h1', '', 10)).map((m) => m.id).reverse();
      await s.haocha.markSent(r1!, at(4));
      await s.haocha.markAttemptFailed(r2!, '平台返回 503', retryAt(4, 1));
      const beforeMark = await s.haocha.mark('h1');
      await s.haocha.setMark('h1', 41);
      await s.haocha.setMark('h1', 42);
      return {
        queued,
        claimed,
        dueAfterLease: (await s.haocha.due(at(4), 10)).map((m) => m.dedupeKey),
        dueAtRetry: (await s.haocha.due(retryAt(4, 1), 10)).map((m) => [m.dedupeKey, m.attempts, m.lastError]),
        counts: await s.haocha.counts('h1'),
        countsH2: await s.haocha.counts('h2'),
        recent: (await s.haocha.recent('h1', '', 10)).map((m) => [m.dedupeKey, m.status]),
        recentSent: (await s.haocha.recent('h1', 'sent', 10)).map((m) => [m.dedupeKey, m.sentAt, m.payload]),
        marks: [beforeMark, await s.haocha.mark('h1'), await s.haocha.mark('h2')],
      };
    });
    expect(answers.queued).toEqual([true, true, false, true]);
    expect(answers.claimed).toEqual([
      ['r1', at(4)],
      ['r9', at(4)],
      ['r2', at(4)],
    ]);
    expect(answers.dueAfterLease).toEqual(['r9']);
    expect(answers.dueAtRetry).toEqual([
      ['r9', 0, null],
      ['r2', 1, '平台返回 503'],
    ]);
    expect(answers.counts).toEqual({ pending: 1, sent: 1, failed: 0 });
    expect(answers.countsH2).toEqual({ pending: 1, sent: 0, failed: 0 });
    expect(answers.recent).toEqual([
      ['r2', 'pending'],
      ['r1', 'sent'],
    ]);
    expect(answers.recentSent).toEqual([['r1', at(4), { level: 5, 评价: '非常满意', tags: [] }]]);
    expect(answers.marks).toEqual([undefined, 42, undefined]);
  });
});

describe('settings', () => {
  it('keeps JSON documents by key, with the fallback when there is none', async () => {
    const answers = await same(async (s) => {
      const none = await s.settings.get('hardware', []);
      await s.settings.put('hardware', [{ kind: 'led', address: 3, zone: 'z1', 名称: '一楼条屏' }]);
      await s.settings.put('appointments.hashKey', 'c2VjcmV0');
      await s.settings.put('buses', { a: 1 });
      await s.settings.put('buses', { b: [1, 2], on: false });
      await s.settings.put('nothing', null);
      const key = await s.settings.get('appointments.hashKey', null);
      await s.settings.remove('appointments.hashKey');
      return {
        none,
        hardware: await s.settings.get('hardware', []),
        key,
        removed: await s.settings.get('appointments.hashKey', 'fallback'),
        buses: await s.settings.get('buses', {}),
        storedNull: await s.settings.get('nothing', 'fallback'),
      };
    });
    expect(answers).toEqual({
      none: [],
      hardware: [{ kind: 'led', address: 3, zone: 'z1', 名称: '一楼条屏' }],
      key: 'c2VjcmV0',
      removed: 'fallback',
      buses: { b: [1, 2], on: false },
      storedNull: null,
    });
  });
});

describe('two nodes claiming at once (PostgreSQL)', () => {
  it('never take the same message, and between them take every due one', async () => {
    const url = await both.server.createDatabase();
    const nodes = [await PgStore.open(url, { poolSize: 3 }), await PgStore.open(url, { poolSize: 3 })];
    try {
      for (let i = 0; i < 60; i++) await nodes[i % 2]!.outbox.enqueue(message(`k${i}`, i % 5));
      await nodes[0]!.haocha.enqueue({ hallId: 'h1', kind: 'rating', dedupeKey: 'r1', payload: {}, createdAt: at(0) });
      const takenBy: string[][] = [[], []];
      // each node runs three claimers at once, in rounds of 4, until nothing is due
      const claimer = async (n: number) => {
        for (;;) {
          const got = await nodes[n]!.outbox.claimDue(at(10), at(60), 4);
          if (got.length === 0) return;
          takenBy[n]!.push(...got.map((m) => m.dedupeKey));
        }
      };
      await Promise.all([0, 1, 0, 1, 0, 1].map(claimer));
      const all = [...takenBy[0]!, ...takenBy[1]!];
      expect(new Set(all).size, 'no message taken twice').toBe(all.length);
      expect(all.sort()).toEqual(Array.from({ length: 60 }, (_, i) => `k${i}`).sort());
      expect(takenBy[0]!.length > 0 && takenBy[1]!.length > 0, 'both nodes took some').toBe(true);
      const [h1, h2] = await Promise.all([nodes[0]!.haocha.claimDue(at(1), at(5), 10), nodes[1]!.haocha.claimDue(at(1), at(5), 10)]);
      expect([...h1, ...h2].map((m) => m.dedupeKey)).toEqual(['r1']);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});
