/**
 * One suite, two stores, continued: staff sessions, devices, evaluations, the audit log, the
 * working calendar and the event log give the same answers on SQLite and on PostgreSQL. Event
 * seqs are the one deliberate difference (one counter per file on SQLite, one per hall on
 * PostgreSQL), so events are compared by which append they came from, and each store's seqs are
 * checked to rise in append order.
 */
import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import type { NewEvent } from '../../../server/app/ports.js';
import { at, insertTickets, ticket } from './seed.js';
import { useBothStores } from './both-stores.js';

const both = useBothStores({ seeded: true });
const same = both.same;

/** JSON columns: text on SQLite, parsed on PostgreSQL */
const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

describe('staff and sessions', () => {
  it('finds the person of an unexpired session only, and ends sessions by expiry and by password change', async () => {
    const answers = await same(async (s) => {
      await s.staff.createSession('t-old', 'u1', at(0), at(60));
      await s.staff.createSession('t-now', 'u1', at(0), at(120));
      await s.staff.createSession('t-adm', 'u0', at(0), at(30));
      const before = { justBefore: (await s.staff.sessionStaff('t-old', at(59)))?.id, atExpiry: await s.staff.sessionStaff('t-old', at(60)) };
      const expired = (await s.staff.deleteExpiredSessions(at(60))).sort();
      await s.staff.createSession('t-3', 'u1', at(61), at(200));
      const others = await s.staff.deleteOtherSessions('u1', 't-now');
      await s.staff.setPassword('u1', 'hash-2');
      const current = await s.staff.sessionStaff('t-now', at(90));
      await s.staff.deleteSession('t-now');
      return {
        before,
        expired,
        expiredAgain: await s.staff.deleteExpiredSessions(at(60)),
        others,
        current,
        afterLogout: await s.staff.sessionStaff('t-now', at(90)),
        byUsername: await s.staff.byUsername('wangfang'),
        nobody: await s.staff.byUsername('nobody'),
        admin: await s.staff.get('u0'),
        all: (await s.staff.all()).map((p) => p.id),
      };
    });
    expect(answers.before).toEqual({ justBefore: 'u1', atExpiry: undefined });
    expect(answers.expired).toEqual(['t-adm', 't-old']);
    expect(answers.expiredAgain).toEqual([]);
    expect(answers.others).toEqual(['t-3']);
    expect(answers.current).toMatchObject({
      id: 'u1',
      hallId: 'h1',
      passwordHash: 'hash-2',
      enabled: true,
      windows: [
        { windowId: 'w1', post: 'A' },
        { windowId: 'w2', post: 'B' },
      ],
    });
    expect(answers.afterLogout).toBeUndefined();
    expect(answers.admin).toMatchObject({ hallId: null, role: 'admin', enabled: false, windows: [] });
    expect(answers.all).toEqual(['u0', 'u1']);
  });
});

describe('devices', () => {
  it('finds devices by token, keeps their last contact and their latest health per device', async () => {
    const answers = await same(async (s) => {
      await s.devices.touch('k1', at(5));
      await s.devices.saveHealth({ id: 'k1', hallId: 'h1', kind: 'kiosk', status: 'online', lastError: null, counters: { printed: 3 }, updatedAt: at(5) });
      await s.devices.saveHealth({
        id: 'k1',
        hallId: 'h1',
        kind: 'kiosk',
        status: 'degraded',
        lastError: '纸将用完',
        counters: { printed: 4, jams: 1 },
        updatedAt: at(6),
      });
      await s.devices.saveHealth({ id: 'a9', hallId: 'h1', kind: 'agent', status: 'offline', lastError: null, counters: {}, updatedAt: at(7) });
      await s.devices.saveHealth({ id: 'd9', hallId: 'h2', kind: 'display', status: 'online', lastError: null, counters: {}, updatedAt: at(7) });
      return {
        byToken: await s.devices.byTokenHash('tok-k1'),
        unknownToken: await s.devices.byTokenHash('tok-zz'),
        evaluator: await s.devices.get('e1'),
        health: await s.devices.health('h1'),
        healthOf: await s.devices.healthOf('k1'),
        noHealth: await s.devices.healthOf('e1'),
      };
    });
    expect(answers.byToken).toEqual({ id: 'k1', hallId: 'h1', kind: 'kiosk', windowId: null, zoneId: 'z1', enabled: true, lastSeenAt: at(5) });
    expect(answers.unknownToken).toBeUndefined();
    expect(answers.evaluator).toMatchObject({ windowId: 'w1', enabled: false, lastSeenAt: null });
    expect(answers.health.map((h) => [h.id, h.status])).toEqual([
      ['a9', 'offline'],
      ['k1', 'degraded'],
    ]);
    expect(answers.healthOf).toEqual({
      id: 'k1',
      hallId: 'h1',
      kind: 'kiosk',
      status: 'degraded',
      lastError: '纸将用完',
      counters: { printed: 4, jams: 1 },
      updatedAt: at(6),
    });
    expect(answers.noHealth).toBeUndefined();
  });
});

describe('evaluations and the audit log', () => {
  it('keeps one evaluation per ticket, without the contact in what it reads back', async () => {
    const answers = await same(async (s) => {
      await insertTickets(s, [ticket('a1', 's1', 1, 0, { status: 'done', windowId: 'w1' })]);
      const e = {
        ticketId: 'a1',
        hallId: 'h1',
        level: 2,
        tags: ['态度差', '等太久'],
        comment: '排了很久',
        contact: '13800138000',
        windowId: 'w1',
        staffId: 'u1',
        source: 'evaluator',
        createdAt: at(40),
      };
      await s.write('h1', (tx) => tx.evaluations.insert(e));
      const twice = await s
        .write('h1', (tx) => tx.evaluations.insert({ ...e, level: 5 }))
        .then(
          () => 'accepted',
          () => 'refused',
        );
      return { got: await s.evaluations.get('a1'), none: await s.evaluations.get('zz'), twice };
    });
    expect(answers.got).toEqual({
      ticketId: 'a1',
      hallId: 'h1',
      level: 2,
      tags: ['态度差', '等太久'],
      comment: '排了很久',
      windowId: 'w1',
      staffId: 'u1',
      source: 'evaluator',
      createdAt: at(40),
    });
    expect(answers.none).toBeUndefined();
    expect(answers.twice).toBe('refused');
  });

  it('lists an audited change under its hall and every further hall it touches, once each', async () => {
    const answers = await same(async (s) => {
      const entry = { actorType: 'user', actorId: 'u0', entity: 'service', entityId: 's1' } as const;
      await s.audit.record({ ...entry, at: at(1), hallId: 'h1', action: 'service.update', before: { name: '旧' }, after: { name: '新' } });
      await s.audit.record({ ...entry, at: at(2), hallId: 'h1', alsoHallIds: ['h2', 'h1'], action: 'staff.move', reason: '调岗' });
      await s.audit.record({ ...entry, at: at(3), hallId: null, alsoHallIds: ['h2', 'h2'], action: 'department.rename', after: null });
      await s.audit.record({ ...entry, at: at(4), hallId: null, action: 'settings.update' });
      const entries = await s.rows<{ action: string; hall_id: string | null; reason: string | null; before_json: unknown; after_json: unknown }>(
        'SELECT action, hall_id, reason, before_json, after_json FROM audit_log ORDER BY id',
      );
      const listed = await s.rows<{ hall_id: string; action: string }>(
        'SELECT h.hall_id, a.action FROM audit_log_halls h JOIN audit_log a ON a.id = h.audit_id ORDER BY h.hall_id, a.id',
      );
      return { entries: entries.map((e) => ({ ...e, before_json: json(e.before_json), after_json: json(e.after_json) })), listed };
    });
    expect(answers.entries).toEqual([
      { action: 'service.update', hall_id: 'h1', reason: null, before_json: { name: '旧' }, after_json: { name: '新' } },
      { action: 'staff.move', hall_id: 'h1', reason: '调岗', before_json: null, after_json: null },
      { action: 'department.rename', hall_id: null, reason: null, before_json: null, after_json: null },
      { action: 'settings.update', hall_id: null, reason: null, before_json: null, after_json: null },
    ]);
    expect(answers.listed).toEqual([
      { hall_id: 'h1', action: 'service.update' },
      { hall_id: 'h1', action: 'staff.move' },
      { hall_id: 'h2', action: 'staff.move' },
      { hall_id: 'h2', action: 'department.rename' },
    ]);
  });
});

describe('the working calendar', () => {
  it('gives the holidays, 调休 days and extended periods of a date range, and the weekly days off', async () => {
    const answers = await same(async (s) => {
      await s.exec(`INSERT INTO calendar_days (hall_id, date, kind, name) VALUES ('h1', '2026-10-01', 'holiday', '国庆节'),
        ('h1', '2026-10-08', 'holiday', '国庆节'), ('h1', '2026-10-10', 'workday', '国庆调休上班'), ('h1', '2027-01-01', 'holiday', '元旦'),
        ('h2', '2026-10-01', 'holiday', '国庆节')`);
      await s.exec(`INSERT INTO calendar_extended_periods (id, hall_id, on_day, from_time, to_time, note) VALUES
        ('x2', 'h1', '2026-10-03', '09:00', '12:00', '预约办理'), ('x1', 'h1', 'workdays', '17:00', '18:00', '延时服务'),
        ('x3', 'h1', '2026-12-31', '09:00', '12:00', ''), ('x4', 'h2', 'workdays', '12:00', '13:30', '午间不断档')`);
      await s.exec(`INSERT INTO calendar_weekly (hall_id, days_off_json) VALUES ('h1', '[0,1]')`);
      return {
        october: await s.calendar.dates('h1', '2026-10-01', '2026-10-31'),
        oneDay: await s.calendar.dates('h1', '2026-10-08', '2026-10-08'),
        otherHall: await s.calendar.dates('h2', '2026-10-01', '2026-10-31'),
        nothing: await s.calendar.dates('h9', '2026-10-01', '2026-10-31'),
      };
    });
    expect(answers.october).toEqual({
      days: [
        { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-08', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-10', kind: 'workday', name: '国庆调休上班' },
      ],
      extended: [
        { id: 'x2', on: '2026-10-03', from: '09:00', to: '12:00', note: '预约办理' },
        { id: 'x1', on: 'workdays', from: '17:00', to: '18:00', note: '延时服务' },
      ],
      weeklyDaysOff: [0, 1],
    });
    expect(answers.oneDay.days.map((d) => d.date)).toEqual(['2026-10-08']);
    expect(answers.otherHall).toMatchObject({ days: [{ date: '2026-10-01' }], extended: [{ id: 'x4' }], weeklyDaysOff: null });
    expect(answers.nothing).toEqual({ days: [], extended: [], weeklyDaysOff: null });
  });
});

describe('the event log', () => {
  it('replays a hall since a seq, knows its first seq, and finds events by type and time', async () => {
    const appends: [string, NewEvent][] = [
      ['e1', { type: 'config.changed', at: at(1), hallId: 'h1', data: { entity: 'service', id: 's1' } }],
      ['e2', { type: 'config.changed', at: at(2), hallId: 'h2', data: { entity: 'service', id: 't1' } }],
      [
        'e3',
        {
          type: 'window.status',
          at: at(3),
          hallId: 'h1',
          zoneId: 'z1',
          windowId: 'w1',
          data: { windowId: 'w1', windowNumber: 1, status: 'open', staffId: 'u1' },
        },
      ],
      ['e4', { type: 'config.changed', at: at(10), hallId: 'h1', data: { entity: 'window', id: 'w1' } }],
      ['e5', { type: 'config.changed', at: at(11), hallId: 'h2', data: { entity: 'window', id: 'v1' } }],
    ];
    const answers = await same(async (s) => {
      const seqOf = new Map<string, number>();
      const nameOf = new Map<string, string>();
      const rising: Record<string, boolean> = {};
      let last = new Map<string, number>();
      for (const [name, e] of appends) {
        const got = await s.write(e.hallId, (tx) => tx.events.append(e));
        rising[name] = got.seq > (last.get(e.hallId) ?? 0);
        last = new Map(last).set(e.hallId, got.seq);
        seqOf.set(name, got.seq);
        nameOf.set(`${got.hallId}:${got.seq}`, name);
      }
      // seqs are the stores' own: compare which append each event is, and everything else as it is
      const named = (events: HallEvent[]) => events.map(({ seq, ...e }) => ({ ...e, is: nameOf.get(`${e.hallId}:${seq}`) }));
      return {
        rising,
        h1: named(await s.events.since('h1', 0, 100)),
        afterE1: named(await s.events.since('h1', seqOf.get('e1')!, 1)),
        afterLast: await s.events.since('h1', seqOf.get('e4')!, 100),
        firstIsFirstAppend: [(await s.events.firstSeq('h1')) === seqOf.get('e1'), (await s.events.firstSeq('h2')) === seqOf.get('e2')],
        firstOfNone: await s.events.firstSeq('h9'),
        // each hall's own newest, whatever the other hall wrote after it
        lastIsHallsNewest: [
          (await s.events.lastSeq('h1')) === seqOf.get('e4'),
          (await s.events.lastSeq('h2')) === seqOf.get('e5'),
          await s.events.lastSeq('h9'),
        ],
        configBefore10: named(await s.events.inRange('h1', ['config.changed'], at(0), at(10))),
        bothTypes: named(await s.events.inRange('h1', ['config.changed', 'window.status'], at(1), at(11))).map((e) => e.is),
        otherHall: named(await s.events.inRange('h2', ['config.changed'], at(0), at(60))).map((e) => e.is),
      };
    });
    expect(answers.rising).toEqual({ e1: true, e2: true, e3: true, e4: true, e5: true });
    expect(answers.h1.map((e) => e.is)).toEqual(['e1', 'e3', 'e4']);
    expect(answers.h1[1]).toEqual({ ...appends[2]![1], is: 'e3' });
    expect(answers.afterE1.map((e) => e.is)).toEqual(['e3']);
    expect(answers.afterLast).toEqual([]);
    expect(answers.firstIsFirstAppend).toEqual([true, true]);
    expect(answers.firstOfNone).toBeNull();
    expect(answers.lastIsHallsNewest).toEqual([true, true, 0]);
    expect(answers.configBefore10.map((e) => e.is)).toEqual(['e1']); // [from, to): at(10) is out
    expect(answers.bothTypes).toEqual(['e1', 'e3', 'e4']);
    expect(answers.otherHall).toEqual(['e2', 'e5']);
  });
});
