/**
 * The appointments feature's storage gives the same answers on SQLite and on PostgreSQL:
 * bookings and their slot's places, cancel, check-in, no-shows and bars (with their end and
 * lifting), the limits per phone and ID number, slot settings and rules, and SMS codes with
 * their expiry and attempts. On PostgreSQL, the last place of a slot booked from two nodes at
 * once goes to one of them.
 */
import { describe, expect, it } from 'vitest';
import type { Appointment, AppointmentBar } from '../../../server/appointments/model.js';
import { PgStore, type PgWriteTx } from '../../../server/store/postgres/pg-store.js';
import { at, seedHalls } from './seed.js';
import { useBothStores } from './both-stores.js';
import type { ContractStore } from './stores.js';
const both = useBothStores({ seeded: true });
const same = both.same;

/** a booking of h1's s1 (unless told) for the slot starting `minute` after opening, 30 minutes long */
function booking(id: string, minute: number, over: Partial<Appointment> = {}): Appointment {
  return {
    id,
    code: `CODE${id.toUpperCase()}`,
    hallId: 'h1',
    serviceId: 's1',
    slotStart: at(minute),
    slotEnd: at(minute + 30),
    status: 'booked',
    channel: 'online',
    name: '李明',
    phone: '13800138000',
    phoneHash: 'ph-li',
    idHash: null,
    idLast4: null,
    // bookings are made at distinct instants (a tie in the day's order is broken differently: see inRange)
    createdAt: at(-600 + Number(id.replace(/\D/g, '') || 0)),
    createdBy: null,
    checkedInAt: null,
    ticketId: null,
    cancelledAt: null,
    noShowAt: null,
    purgedAt: null,
    phoneConfirmed: true,
    lang: 'zh-CN',
    ...over,
  };
}

const book = (s: ContractStore, a: Appointment) => s.write(a.hallId, (tx) => tx.appointments.insert(a));
const update = (s: ContractStore, a: Appointment) => s.write(a.hallId, (tx) => tx.appointments.update(a));

describe('bookings and their slots', () => {
  it('counts a slot’s places without the cancelled, and finds bookings by code, id, day and overdue start', async () => {
    const answers = await same(async (s) => {
      const a = booking('a1', 60);
      const b = booking('a2', 60, { phoneHash: 'ph-wang', channel: 'phone', createdBy: 'u1', lang: 'en', phoneConfirmed: false });
      const c = booking('a3', 90, { phoneHash: 'ph-zhao' });
      const other = booking('a4', 60, { serviceId: 's2', phoneHash: 'ph-zhao' });
      for (const x of [a, b, c, other]) await book(s, x);
      const before = { taken: await s.appointments.taken('s1', at(60)), bySlot: [...(await s.appointments.takenBySlot('s1', at(0), at(480)))] };
      await update(s, { ...b, status: 'cancelled', cancelledAt: at(10) });
      await update(s, { ...a, status: 'checked_in', checkedInAt: at(45), ticketId: 't-1' });
      return {
        before,
        takenAfterCancel: await s.appointments.taken('s1', at(60)),
        bySlotAfterCancel: [...(await s.appointments.takenBySlot('s1', at(0), at(480)))],
        emptySlot: await s.appointments.taken('s1', at(120)),
        byCode: await s.appointments.byCode('CODEA2'),
        byId: await s.appointments.byId('a1'),
        unknown: [await s.appointments.byCode('NOPE'), await s.appointments.byId('nope')],
        day: (await s.appointments.inRange('h1', at(0), at(480))).map((x) => [x.id, x.status]),
        otherHall: await s.appointments.inRange('h2', at(0), at(480)),
        overdueAt75: (await s.appointments.overdue(at(75))).map((x) => x.id),
        overdueAt90: (await s.appointments.overdue(at(90))).map((x) => x.id),
      };
    });
    expect(answers.before).toEqual({
      taken: 2,
      bySlot: [
        [at(60), 2],
        [at(90), 1],
      ],
    });
    expect(answers.takenAfterCancel).toBe(1);
    expect(answers.bySlotAfterCancel).toEqual([
      [at(60), 1],
      [at(90), 1],
    ]);
    expect(answers.emptySlot).toBe(0);
    expect(answers.byCode).toMatchObject({ id: 'a2', status: 'cancelled', channel: 'phone', createdBy: 'u1', lang: 'en', phoneConfirmed: false });
    expect(answers.byId).toMatchObject({ status: 'checked_in', checkedInAt: at(45), ticketId: 't-1', phoneConfirmed: true });
    expect(answers.unknown).toEqual([undefined, undefined]);
    expect(answers.day).toEqual([
      ['a1', 'checked_in'],
      ['a2', 'cancelled'],
      ['a4', 'booked'],
      ['a3', 'booked'],
    ]);
    expect(answers.otherHall).toEqual([]);
    expect(answers.overdueAt75).toEqual(['a4']);
    expect(answers.overdueAt90).toEqual(['a4', 'a3']);
  });

  it('erases name and phone of finished bookings only, once', async () => {
    const answers = await same(async (s) => {
      await book(s, booking('a1', 0, { status: 'checked_in' }));
      await book(s, booking('a2', 0, { status: 'booked' }));
      await book(s, booking('a3', 300, { status: 'no_show' }));
      const purged = await s.write('h1', (tx) => tx.appointments.purge('h1', at(200), at(400)));
      return {
        purged,
        again: await s.write('h1', (tx) => tx.appointments.purge('h1', at(200), at(401))),
        rows: (await s.appointments.inRange('h1', at(0), at(480))).map((x) => [x.id, x.name, x.phone, x.purgedAt]),
      };
    });
    expect(answers.purged).toBe(1);
    expect(answers.again).toBe(0);
    expect(answers.rows).toEqual([
      ['a1', '', '', at(400)],
      ['a2', '李明', '13800138000', null],
      ['a3', '李明', '13800138000', null],
    ]);
  });

  it('keeps slot settings, rules and the service’s materials', async () => {
    const answers = await same(async (s) => {
      const none = { settings: await s.appointments.slotSettings('s1'), rules: await s.appointments.rules('h1') };
      await s.appointments.putSlotSettings('s1', { slotMinutes: 20, capacityPerWindow: 3 });
      await s.appointments.putSlotSettings('s1', { slotMinutes: 15, capacityPerWindow: 0 });
      const rules = { ...(await import('../../../server/appointments/model.js')).DEFAULT_RULES, noShowLimit: 2, webhookUrl: 'https://sms.example/送' };
      await s.appointments.putRules('h1', rules);
      await s.appointments.putMaterials('s1', '身份证原件、复印件');
      return {
        none,
        settings: await s.appointments.slotSettings('s1'),
        rules: await s.appointments.rules('h1'),
        otherHall: await s.appointments.rules('h2'),
        materials: (await s.halls.service('s1'))?.materials,
      };
    });
    expect(answers.none).toEqual({ settings: undefined, rules: {} });
    expect(answers.settings).toEqual({ slotMinutes: 15, capacityPerWindow: 0 });
    expect(answers.rules).toMatchObject({ noShowLimit: 2, webhookUrl: 'https://sms.example/送' });
    expect(answers.otherHall).toEqual({});
    expect(answers.materials).toBe('身份证原件、复印件');
  });
});

describe('no-shows, bars and the limits per person', () => {
  it('counts confirmed no-shows by phone or ID number, and a person’s attended bookings', async () => {
    const answers = await same(async (s) => {
      await book(s, booking('n1', -3000, { status: 'no_show', idHash: 'id-li' }));
      await book(s, booking('n2', -1500, { status: 'no_show', phoneHash: 'ph-new', idHash: 'id-li' }));
      await book(s, booking('n3', -1400, { status: 'no_show', phoneConfirmed: false }));
      await book(s, booking('n4', -1300, { status: 'no_show', hallId: 'h2', serviceId: 't1' }));
      await book(s, booking('c1', -1200, { status: 'checked_in' }));
      await book(s, booking('c2', -1100, { status: 'checked_in' }));
      const sorted = (xs: { phoneHash: string; idHash: string | null }[]) => xs.map((x) => `${x.phoneHash}/${x.idHash}`).sort();
      return {
        byPhone: sorted(await s.appointments.noShowsSince('h1', 'ph-li', null, at(-5000))),
        byPhoneOrId: sorted(await s.appointments.noShowsSince('h1', 'ph-li', 'id-li', at(-5000))),
        recentOnly: sorted(await s.appointments.noShowsSince('h1', 'ph-li', 'id-li', at(-2000))),
        byIdOnly: sorted(await s.appointments.noShowsSince('h1', 'ph-x', 'id-li', at(-5000))),
        history: await s.appointments.phoneHistory('h1', 'ph-li', at(-2000)),
        newcomer: await s.appointments.phoneHistory('h1', 'ph-x', at(-2000)),
      };
    });
    expect(answers.byPhone).toEqual(['ph-li/id-li']);
    expect(answers.byPhoneOrId).toEqual(['ph-li/id-li', 'ph-new/id-li']);
    expect(answers.recentOnly).toEqual(['ph-new/id-li']);
    expect(answers.byIdOnly).toEqual(['ph-li/id-li', 'ph-new/id-li']);
    expect(answers.history).toEqual({ attended: 2, recentNoShows: 1 });
    expect(answers.newcomer).toEqual({ attended: 0, recentNoShows: 0 });
  });

  it('lists a person’s bookings still ahead by phone or ID number, for the limits', async () => {
    const answers = await same(async (s) => {
      await book(s, booking('o1', 60, { idHash: 'id-li' }));
      await book(s, booking('o2', 90, { serviceId: 's2', phoneHash: 'ph-other', idHash: 'id-li' }));
      await book(s, booking('o3', 120, { status: 'cancelled' }));
      await book(s, booking('o4', 10));
      await book(s, booking('o5', 60, { hallId: 'h2', serviceId: 't1' }));
      const keys = (xs: { serviceId: string; slotStart: string }[]) => xs.map((x) => `${x.serviceId}@${x.slotStart}`).sort();
      return {
        byPhone: keys(await s.appointments.openOfPerson('h1', 'ph-li', null, at(30))),
        byPhoneOrId: keys(await s.appointments.openOfPerson('h1', 'ph-li', 'id-li', at(30))),
        otherHall: keys(await s.appointments.openOfPerson('h2', 'ph-li', null, at(30))),
      };
    });
    expect(answers.byPhone).toEqual([`s1@${at(60)}`]);
    expect(answers.byPhoneOrId).toEqual([`s1@${at(60)}`, `s2@${at(90)}`]);
    expect(answers.otherHall).toEqual([`t1@${at(60)}`]);
  });

  it('bars by phone or ID number until the bar ends or is lifted', async () => {
    const bar = (id: string, over: Partial<AppointmentBar> = {}): AppointmentBar => ({
      id,
      hallId: 'h1',
      keys: [
        { kind: 'phone', hash: 'ph-li' },
        { kind: 'id', hash: 'id-li' },
        { kind: 'phone', hash: 'ph-new' },
      ],
      phoneMasked: '138****8000',
      noShows: 3,
      createdAt: at(0),
      expiresAt: at(600),
      liftedAt: null,
      liftedBy: null,
      liftReason: null,
      ...over,
    });
    const answers = await same(async (s) => {
      await s.write('h1', (tx) => tx.appointments.insertBar(bar('b1')));
      await s.write('h1', (tx) => tx.appointments.insertBar(bar('b2', { keys: [{ kind: 'phone', hash: 'ph-zhao' }], createdAt: at(5), expiresAt: at(900) })));
      await s.write('h2', (tx) => tx.appointments.insertBar(bar('b3', { hallId: 'h2' })));
      const active = {
        byPhone: (await s.appointments.activeBar('h1', 'ph-new', null, at(10)))?.id,
        byId: await s.appointments.activeBar('h1', 'ph-x', 'id-li', at(10)),
        noIdGiven: await s.appointments.activeBar('h1', 'ph-x', null, at(10)),
        atItsEnd: await s.appointments.activeBar('h1', 'ph-li', null, at(600)),
        list: (await s.appointments.activeBars('h1', at(10))).map((b) => b.id),
        listAfterEnd: (await s.appointments.activeBars('h1', at(600))).map((b) => b.id),
      };
      await s.write('h1', (tx) => tx.appointments.liftBar('b2', at(20), 'u1', '系统故障导致未到'));
      return {
        active,
        afterLift: (await s.appointments.activeBars('h1', at(21))).map((b) => b.id),
        zhaoFree: await s.appointments.activeBar('h1', 'ph-zhao', null, at(21)),
        lifted: await s.appointments.bar('b2'),
        unknown: await s.appointments.bar('nope'),
      };
    });
    expect(answers.active.byPhone).toBe('b1');
    expect(answers.active.byId).toEqual(
      bar('b1', {
        keys: [
          { kind: 'id', hash: 'id-li' },
          { kind: 'phone', hash: 'ph-li' },
          { kind: 'phone', hash: 'ph-new' },
        ],
      }),
    );
    expect(answers.active.noIdGiven).toBeUndefined();
    expect(answers.active.atItsEnd).toBeUndefined();
    expect(answers.active.list).toEqual(['b1', 'b2']);
    expect(answers.active.listAfterEnd).toEqual(['b2']);
    expect(answers.afterLift).toEqual(['b1']);
    expect(answers.zhaoFree).toBeUndefined();
    expect(answers.lifted).toMatchObject({ liftedAt: at(20), liftedBy: 'u1', liftReason: '系统故障导致未到', keys: [{ kind: 'phone', hash: 'ph-zhao' }] });
    expect(answers.unknown).toBeUndefined();
  });
});

describe('SMS codes', () => {
  it('finds the newest unused, unexpired code, counts sends and attempts, and uses a code once', async () => {
    const answers = await same(async (s) => {
      await s.phoneCodes.insert('h1', 'ph-li', 'code-1', at(0), at(5));
      await s.phoneCodes.insert('h1', 'ph-li', 'code-2', at(2), at(7));
      await s.phoneCodes.insert('h2', 'ph-li', 'code-h2', at(2), at(7));
      const latest = await s.phoneCodes.latestValid('h1', 'ph-li', at(3));
      await s.phoneCodes.countAttempt(latest!.id);
      await s.phoneCodes.countAttempt(latest!.id);
      const counted = await s.phoneCodes.latestValid('h1', 'ph-li', at(3));
      const first = await s.phoneCodes.markUsed(latest!.id, at(4));
      const second = await s.phoneCodes.markUsed(latest!.id, at(4));
      return {
        sentLast10: await s.phoneCodes.sentSince('h1', 'ph-li', at(-10)),
        sentSince1: await s.phoneCodes.sentSince('h1', 'ph-li', at(1)),
        latest: { codeHash: latest?.codeHash, expiresAt: latest?.expiresAt, attempts: latest?.attempts },
        attempts: counted?.attempts,
        used: [first, second],
        afterUse: (await s.phoneCodes.latestValid('h1', 'ph-li', at(4)))?.codeHash,
        atExpiry: await s.phoneCodes.latestValid('h1', 'ph-li', at(5)),
        purged: await s.phoneCodes.purgeExpired(at(6)),
        purgedAgain: await s.phoneCodes.purgeExpired(at(6)),
        otherHall: (await s.phoneCodes.latestValid('h2', 'ph-li', at(6)))?.codeHash,
      };
    });
    expect(answers.sentLast10).toBe(2);
    expect(answers.sentSince1).toBe(1);
    expect(answers.latest).toEqual({ codeHash: 'code-2', expiresAt: at(7), attempts: 0 });
    expect(answers.attempts).toBe(2);
    expect(answers.used).toEqual([true, false]);
    expect(answers.afterUse).toBe('code-1');
    expect(answers.atExpiry).toBeUndefined();
    expect(answers.purged).toBe(1);
    expect(answers.purgedAgain).toBe(0);
    expect(answers.otherHall).toBe('code-h2');
  });
});

describe('a slot’s last place, from two nodes (PostgreSQL)', () => {
  it('goes to one booking: the hall’s lock orders the count and the insert of both', async () => {
    const url = await both.server.createDatabase();
    const nodes = [await PgStore.open(url, { poolSize: 2 }), await PgStore.open(url, { poolSize: 2 })];
    try {
      await seedHalls(execOn(nodes[0]!));
      const capacity = 2;
      await nodes[0]!.writeHall('h1', (tx) => tx.appointments.insert(booking('first', 60)));
      // both transactions count the slot, wait, then insert if a place was left
      const bookLast = (node: PgStore, id: string) =>
        node.writeHall('h1', async (tx: PgWriteTx) => {
          const taken = await tx.appointments.taken('s1', at(60));
          await tx.query('SELECT pg_sleep(0.2)');
          if (taken >= capacity) return false;
          await tx.appointments.insert(booking(id, 60, { phoneHash: `ph-${id}` }));
          return true;
        });
      const results = await Promise.all([bookLast(nodes[0]!, 'n1'), bookLast(nodes[1]!, 'n2')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await nodes[1]!.appointments.taken('s1', at(60))).toBe(capacity);
      // without the hall's transaction a booking is refused: its slot was not counted under the lock
      await expect(nodes[1]!.appointments.insert(booking('loose', 90))).rejects.toThrow(/outside writeHall/);
      await expect(nodes[1]!.writeHall('h2', (tx) => tx.appointments.insert(booking('wrong-hall', 90)))).rejects.toThrow(/transaction of hall h2/);
      expect(await nodes[1]!.appointments.taken('s1', at(90))).toBe(0);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});

/** seedHalls needs only `exec`: here through a node's own pool (the shared database) */
function execOn(node: PgStore): ContractStore {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const exec = async (sql: string, params: unknown[] = []) => {
    await node.pool.query(numbered(sql), params);
  };
  return { exec } as unknown as ContractStore;
}
