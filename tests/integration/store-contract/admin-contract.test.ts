/**
 * One suite, two stores: the administration's repositories (halls, zones, departments, services,
 * windows, staff, photos, devices, the audit trail's reads) give the same answers on SQLite and on
 * PostgreSQL, and move the same cache versions (the configuration caches reload on them).
 */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../server/domain/model.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { at, insertTickets, ticket } from './seed.js';
import { useBothStores } from './both-stores.js';
import type { ContractStore } from './stores.js';
const both = useBothStores({ seeded: true });
const same = both.same;

/** the cache names whose version a step moved (or created), sorted */
async function moved(s: ContractStore, step: () => Promise<unknown>): Promise<string[]> {
  const versions = async () =>
    new Map((await s.rows<{ name: string; v: number | string }>('SELECT name, v FROM cache_versions')).map((r) => [r.name, String(r.v)]));
  const before = await versions();
  await step();
  return [...(await versions())]
    .filter(([name, v]) => before.get(name) !== v)
    .map(([name]) => name)
    .sort();
}

/** what a step threw, as "refused" (both engines' constraint messages differ) or "ok" */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok' as const,
    () => 'refused' as const,
  );

const service = (over: Partial<Service> = {}): Service => ({
  id: 's9',
  hallId: 'h1',
  departmentId: 'd1',
  name: '社保',
  nameEn: 'Social insurance',
  prefix: 'S',
  avgServiceMinutes: 7.5,
  enabled: true,
  position: 2,
  materials: '身份证',
  ...over,
});

describe('halls, zones and departments', () => {
  it('saves, lists, updates and deletes them, refusing what is still in use, and moves their cache versions', async () => {
    const answers = await same(async (s) => {
      const hall3 = {
        id: 'h3',
        name: '西区分厅',
        nameEn: 'West',
        timezone: 'Asia/Shanghai',
        hours: { weekdays: [{ from: '08:30', to: '12:00' }] },
        policy: { noShowMinutes: 5 },
        notice: '',
        address: '西路3号',
      };
      const created = await moved(s, () => s.write('h3', (tx) => tx.adminHalls.saveHall(hall3)));
      const renamed = await moved(s, () =>
        s.write('h1', async (tx) =>
          tx.adminHalls.saveHall({ ...(await tx.adminHalls.hall('h1'))!, name: '市民服务中心', nameEn: undefined, policy: {} } as never),
        ),
      );
      const zone = await moved(s, () => s.write('h3', (tx) => tx.adminHalls.saveZone({ id: 'z3', hallId: 'h3', name: '大厅', announceFrom: ['z9'] })));
      const dept = await moved(s, () => s.writeCity((tx) => tx.adminHalls.saveDepartment({ id: 'd3', name: '社保', nameEn: 'Social' })));
      const deptRenamed = await moved(s, () => s.writeCity((tx) => tx.adminHalls.saveDepartment({ id: 'd3', name: '人社' })));
      const use = {
        h1Empty: await s.adminHalls.hallIsEmpty('h1'),
        h3Empty: await s.adminHalls.hallIsEmpty('h3'),
        windowsInZ1: await s.adminHalls.windowsInZone('z1'),
        windowsInZ3: await s.adminHalls.windowsInZone('z3'),
        servicesOfD2: await s.adminHalls.servicesOfDepartment('d2'),
        servicesOfD3: await s.adminHalls.servicesOfDepartment('d3'),
      };
      const listed = { halls: await s.adminHalls.halls(), h1: await s.adminHalls.hall('h1'), none: await s.adminHalls.hall('nope') };
      const refused = {
        zoneWithWindows: await outcome(s.write('h1', (tx) => tx.adminHalls.deleteZone('z1'))),
        departmentInUse: await outcome(s.writeCity((tx) => tx.adminHalls.deleteDepartment('d2'))),
      };
      const deleted = {
        zone: await moved(s, () => s.write('h3', (tx) => tx.adminHalls.deleteZone('z3'))),
        hall: await moved(s, () => s.write('h3', (tx) => tx.adminHalls.deleteHall('h3'))),
        department: await moved(s, () => s.writeCity((tx) => tx.adminHalls.deleteDepartment('d3'))),
      };
      const zones = await s.rows<{ id: string; announce_from: unknown }>('SELECT id, announce_from FROM zones ORDER BY id');
      const departments = await s.rows<{ id: string; name: string; name_en: string }>('SELECT id, name, name_en FROM departments ORDER BY id');
      return {
        created,
        renamed,
        zone,
        dept,
        deptRenamed,
        use,
        listed,
        refused,
        deleted,
        afterwards: { halls: (await s.adminHalls.halls()).map((h) => h.id), zones: zones.map((z) => z.id), departments },
      };
    });
    expect(answers.created).toEqual(['halls']);
    expect(answers.renamed).toEqual(['halls']);
    expect(answers.zone).toEqual(['zones']);
    expect(answers.dept).toEqual(['departments']);
    expect(answers.deptRenamed).toEqual(['departments']);
    expect(answers.use).toEqual({ h1Empty: false, h3Empty: true, windowsInZ1: 2, windowsInZ3: 0, servicesOfD2: 2, servicesOfD3: 0 });
    expect(answers.listed.halls.map((h) => h.id)).toEqual(['h1', 'h2', 'h3']);
    expect(answers.listed.halls[2]).toEqual({
      id: 'h3',
      name: '西区分厅',
      nameEn: 'West',
      timezone: 'Asia/Shanghai',
      hours: { weekdays: [{ from: '08:30', to: '12:00' }] },
      policy: { noShowMinutes: 5 },
      notice: '',
      address: '西路3号',
    });
    expect(answers.listed.h1).toEqual({
      id: 'h1',
      name: '市民服务中心',
      timezone: 'Asia/Shanghai',
      hours: { weekdays: [{ from: '09:00', to: '17:00' }] },
      policy: {},
      notice: '带好身份证',
      address: '人民路1号',
    });
    expect(answers.listed.none).toBeUndefined();
    expect(answers.refused).toEqual({ zoneWithWindows: 'refused', departmentInUse: 'refused' });
    expect(answers.deleted).toEqual({ zone: ['zones'], hall: ['halls'], department: ['departments'] });
    expect(answers.afterwards).toEqual({
      halls: ['h1', 'h2'],
      zones: ['z1', 'z2', 'z9'],
      departments: [
        { id: 'd1', name: '市场监管', name_en: '' },
        { id: 'd2', name: '税务', name_en: 'Tax' },
      ],
    });
  });
});

describe('services and windows', () => {
  it('saves a service at the next place, counts its tickets, and removes it with every window link to it', async () => {
    const answers = await same(async (s) => {
      const position = await s.adminServices.nextPosition('h1');
      const created = await moved(s, () => s.write('h1', (tx) => tx.adminServices.saveService(service({ position }))));
      const linked = await moved(s, () =>
        s.write('h1', (tx) => tx.adminServices.saveWindow({ id: 'w1', hallId: 'h1', zoneId: 'z1', number: 1, name: '1号窗口' }, ['s9', 's1'])),
      );
      const updated = await moved(s, () =>
        s.write('h1', (tx) => tx.adminServices.saveService(service({ position, name: '社会保险', nameEn: undefined, enabled: false, avgServiceMinutes: 12 }))),
      );
      const saved = await s.rows(
        "SELECT name, name_en, CASE WHEN enabled THEN 'yes' ELSE 'no' END AS enabled, avg_service_minutes, position, prefix, materials FROM services WHERE id = 's9'",
      );
      await insertTickets(s, [ticket('x1', 's2', 1, 0), ticket('x2', 's1', 1, 1, { transferredFromServiceId: 's2', serviceId: 's1' })]);
      const counts = {
        s2: await s.adminServices.ticketsOfService('s2'),
        s1: await s.adminServices.ticketsOfService('s1'),
        s9: await s.adminServices.ticketsOfService('s9'),
      };
      const removed = await moved(s, () => s.write('h1', (tx) => tx.adminServices.deleteService('s9')));
      return {
        position,
        nextInH2: await s.adminServices.nextPosition('h2'),
        nextInNone: await s.adminServices.nextPosition('nope'),
        created,
        linked,
        updated,
        counts,
        removed,
        saved,
        services: await s.rows(
          "SELECT id, name, name_en, CASE WHEN enabled THEN 'yes' ELSE 'no' END AS enabled, avg_service_minutes, position FROM services ORDER BY id",
        ),
        w1: await s.rows('SELECT service_id, position FROM window_services WHERE window_id = ? ORDER BY position', ['w1']),
      };
    });
    expect(answers.position).toBe(2);
    expect(answers.nextInH2).toBe(1);
    expect(answers.nextInNone).toBe(0);
    expect(answers.created).toEqual(['services']);
    expect(answers.linked).toEqual(['windows:h1']);
    expect(answers.updated).toEqual(['services']);
    expect(answers.saved).toEqual([{ name: '社会保险', name_en: '', enabled: 'no', avg_service_minutes: 12, position: 2, prefix: 'S', materials: '身份证' }]);
    expect(answers.counts).toEqual({ s2: 2, s1: 1, s9: 0 });
    expect(answers.removed).toEqual(['services', 'windows:h1']);
    expect(answers.services.map((r) => (r as { id: string }).id)).toEqual(['s1', 's2', 's3', 't1']);
    expect(answers.w1).toEqual([{ service_id: 's1', position: 1 }]);
  });

  it('saves a window with its services in order, its staff posts, and deletes it with both; a bad service id changes nothing', async () => {
    const answers = await same(async (s) => {
      const win = { id: 'w7', hallId: 'h1', zoneId: 'z2', number: 7, name: '7号窗口' };
      const created = await moved(s, () => s.write('h1', (tx) => tx.adminServices.saveWindow(win, ['s2', 's3', 's1'])));
      const badService = await outcome(s.write('h1', (tx) => tx.adminServices.saveWindow({ ...win, name: '七号' }, ['s1', 'nope'])));
      // outside any hall's transaction too (PostgreSQL: on the pool), the window and its services go together or not at all
      const badOnPool = await outcome(s.adminServices.saveWindow({ ...win, name: '七号' }, ['nope']));
      const name = await s.rows('SELECT name FROM windows WHERE id = ?', ['w7']);
      const served = await s.rows('SELECT service_id, position FROM window_services WHERE window_id = ? ORDER BY position', ['w7']);
      await s.write('h1', (tx) =>
        tx.adminServices.setWindowStaff('w7', [
          { staffId: 'u1', post: 'B' },
          { staffId: 'u0', post: 'A' },
          { staffId: 'u1', post: 'A' },
        ]),
      );
      const staff = await s.adminServices.windowStaff('w7');
      await s.write('h1', (tx) => tx.adminServices.setWindowStaff('w7', [{ staffId: 'u0', post: 'B' }]));
      const staffAfter = await s.adminServices.windowStaff('w7');
      const deleted = await moved(s, () => s.write('h1', (tx) => tx.adminServices.deleteWindow('w7')));
      return {
        created,
        badService,
        badOnPool,
        name,
        served,
        staff,
        staffAfter,
        deleted,
        left: await s.rows("SELECT COUNT(*) AS n FROM windows WHERE id = 'w7'"),
        links: await s.rows(
          "SELECT (SELECT COUNT(*) FROM window_services WHERE window_id = 'w7') + (SELECT COUNT(*) FROM staff_windows WHERE window_id = 'w7') AS n",
        ),
        u1: (await s.staff.get('u1'))!.windows,
      };
    });
    expect(answers.created).toEqual(['windows:h1']);
    expect(answers.badService).toBe('refused');
    expect(answers.badOnPool).toBe('refused');
    expect(answers.name).toEqual([{ name: '7号窗口' }]);
    expect(answers.served).toEqual([
      { service_id: 's2', position: 0 },
      { service_id: 's3', position: 1 },
      { service_id: 's1', position: 2 },
    ]);
    expect(answers.staff).toEqual([
      { staffId: 'u0', post: 'A' },
      { staffId: 'u1', post: 'A' },
    ]);
    expect(answers.staffAfter).toEqual([{ staffId: 'u0', post: 'B' }]);
    expect(answers.deleted).toEqual(['windows:h1']);
    expect(Number((answers.left[0] as { n: number }).n)).toBe(0);
    expect(Number((answers.links[0] as { n: number }).n)).toBe(0);
    expect(answers.u1).toEqual([
      { windowId: 'w1', post: 'A' },
      { windowId: 'w2', post: 'B' },
    ]);
  });
});

describe('staff, photos and devices', () => {
  it('creates a person with an unusable password, keeps or sets it on update, moves their windows, and deletes them with sessions and photo', async () => {
    const answers = await same(async (s) => {
      const person = { id: 'u5', hallId: 'h2', name: '李强', employeeNo: '0099', role: 'staff' as const, username: 'liqiang', enabled: true };
      await s.writeCity((tx) => tx.adminPeople.saveStaff(person, null));
      const fresh = (await s.staff.get('u5'))!.passwordHash;
      await s.writeCity((tx) => tx.adminPeople.saveStaff({ ...person, hallId: 'h1', name: '李强强', enabled: false }, null));
      const kept = await s.staff.get('u5');
      await s.writeCity((tx) => tx.adminPeople.saveStaff({ ...person, hallId: 'h1' }, 'hash-5'));
      const usernameTaken = await outcome(s.writeCity((tx) => tx.adminPeople.saveStaff({ ...person, id: 'u6' }, 'x')));
      await s.writeCity((tx) =>
        tx.adminPeople.setStaffWindows('u5', [
          { windowId: 'w1', post: 'B' },
          { windowId: 'w3', post: 'A' },
        ]),
      );
      await s.writeCity((tx) =>
        tx.adminPeople.setStaffWindows('u5', [
          { windowId: 'w3', post: 'B' },
          { windowId: 'w2', post: 'A' },
        ]),
      );
      const withWindows = await s.staff.get('u5');
      await s.staff.createSession('t-5', 'u5', at(0), at(600));
      await s.writeCity((tx) => tx.adminPeople.endSessions('u5'));
      const afterEnd = await s.staff.sessionStaff('t-5', at(1));
      await s.staff.createSession('t-6', 'u5', at(0), at(600));
      await s.writeCity((tx) => tx.adminPeople.setPassword('u5', 'hash-6'));
      await s.writeCity((tx) => tx.adminPeople.setPhoto('u5', 'data:image/png;base64,AAA', at(2)));
      await s.writeCity((tx) => tx.adminPeople.setPhoto('u5', 'data:image/png;base64,BBB', at(3)));
      const photo = await s.adminPeople.photo('u5');
      await s.writeCity((tx) => tx.adminPeople.setPhoto('u1', 'data:image/png;base64,CCC', at(3)));
      await s.writeCity((tx) => tx.adminPeople.setPhoto('u1', null, at(4)));
      const cleared = await s.adminPeople.photo('u1');
      await s.writeCity((tx) => tx.adminPeople.setPhoto('u5', 'data:image/png;base64,DDD', at(5)));
      // PostgreSQL also moves `sessions` when one is deleted (migration 133: every node drops its sockets); SQLite has one node
      const deletedVersions = (await moved(s, () => s.writeCity((tx) => tx.adminPeople.deleteStaff('u5')))).filter((name) => name !== 'sessions');
      return {
        fresh,
        kept,
        usernameTaken,
        withWindows,
        afterEnd,
        photo,
        cleared,
        deletedVersions,
        gone: await s.staff.get('u5'),
        leftovers: await s.rows(
          "SELECT (SELECT COUNT(*) FROM sessions WHERE staff_id = 'u5') + (SELECT COUNT(*) FROM staff_windows WHERE staff_id = 'u5') + (SELECT COUNT(*) FROM staff_photos WHERE staff_id = 'u5') AS n",
        ),
      };
    });
    expect(answers.fresh).toBe('!');
    expect(answers.kept).toMatchObject({ hallId: 'h1', name: '李强强', enabled: false, passwordHash: '!' });
    expect(answers.usernameTaken).toBe('refused');
    expect(answers.withWindows).toMatchObject({
      name: '李强',
      enabled: true,
      passwordHash: 'hash-5',
      windows: [
        { windowId: 'w2', post: 'A' },
        { windowId: 'w3', post: 'B' },
      ],
    });
    expect(answers.afterEnd).toBeUndefined();
    expect(answers.photo).toBe('data:image/png;base64,BBB');
    expect(answers.cleared).toBeUndefined();
    expect(answers.deletedVersions).toEqual([]);
    expect(answers.gone).toBeUndefined();
    expect(Number((answers.leftovers[0] as { n: number }).n)).toBe(0);
  });

  it('saves devices with their token, keeps it on update, re-enables on a new token, and deletes one with its health', async () => {
    const answers = await same(async (s) => {
      const panel = { id: 'p1', hallId: 'h1', kind: 'display' as const, windowId: null, zoneId: 'z2', enabled: true };
      await s.write('h1', (tx) => tx.adminPeople.saveDevice(panel, 'tok-p1'));
      await s.write('h1', (tx) => tx.adminPeople.saveDevice({ ...panel, zoneId: 'z1', enabled: false }, null));
      const kept = { device: await s.devices.byTokenHash('tok-p1'), list: await s.adminPeople.devices() };
      await s.write('h1', (tx) => tx.adminPeople.saveDevice({ ...panel, kind: 'kiosk' as const, enabled: false }, 'tok-p1b'));
      const retokened = { old: await s.devices.byTokenHash('tok-p1'), now: await s.devices.get('p1') };
      await s.write('h1', (tx) => tx.adminPeople.setDeviceEnabled('p1', false));
      const disabled = (await s.devices.get('p1'))!.enabled;
      await s.write('h1', (tx) => tx.adminPeople.setDeviceToken('p1', 'tok-p1c'));
      const reEnabled = await s.devices.byTokenHash('tok-p1c');
      await s.write('h1', (tx) => tx.adminPeople.saveDevice({ id: 'n1', hallId: 'h2', kind: 'agent', windowId: null, zoneId: null, enabled: true }, null));
      const unset = await s.rows<{ token_hash: string }>("SELECT token_hash FROM devices WHERE id = 'n1'");
      await s.exec(
        "INSERT INTO device_health (id, hall_id, kind, status, last_error, counters_json, updated_at) VALUES ('p1', 'h1', 'display', 'ok', NULL, '{}', ?)",
        [at(1)],
      );
      await s.write('h1', (tx) => tx.adminPeople.deleteDevice('p1'));
      return { kept, retokened, disabled, reEnabled, unset, health: await s.devices.health('h1'), list: await s.adminPeople.devices() };
    });
    expect(answers.kept.device).toMatchObject({ id: 'p1', zoneId: 'z1', enabled: false });
    expect(answers.kept.list.map((d) => `${d.hallId}/${d.id}`)).toEqual(['h1/e1', 'h1/k1', 'h1/p1']);
    expect(answers.retokened.old).toBeUndefined();
    expect(answers.retokened.now).toMatchObject({ kind: 'kiosk', enabled: true });
    expect(answers.disabled).toBe(false);
    expect(answers.reEnabled).toMatchObject({ id: 'p1', enabled: true });
    expect(answers.unset).toEqual([{ token_hash: 'unset-n1' }]);
    expect(answers.health).toEqual([]);
    expect(answers.list.map((d) => d.id)).toEqual(['e1', 'k1', 'n1']);
  });
});

describe('the audit trail', () => {
  it('lists entries newest first, under every hall they touched, by entity, within the limit', async () => {
    const answers = await same(async (s) => {
      const entry = (i: number, hallId: string | null, entity: string, alsoHallIds: string[] = []) =>
        s.write(hallId ?? 'city', (tx) =>
          tx.audit.record({
            at: at(i),
            hallId,
            alsoHallIds,
            actorType: 'user',
            actorId: 'u0',
            action: 'update',
            entity,
            entityId: `e${i}`,
            before: i === 1 ? null : { n: i },
            after: { n: i + 1, list: ['a'] },
          }),
        );
      await entry(1, 'h1', 'service');
      await entry(2, 'h2', 'window');
      await entry(3, 'h1', 'staff', ['h2']);
      await entry(4, null, 'department');
      await entry(5, 'h1', 'service');
      const ids = (rows: { entityId: string }[]) => rows.map((r) => r.entityId);
      return {
        all: ids(await s.adminPeople.audit({ limit: 10 })),
        h2: ids(await s.adminPeople.audit({ hallId: 'h2', limit: 10 })),
        h1Services: await s.adminPeople.audit({ hallId: 'h1', entity: 'service', limit: 10 }),
        limited: ids(await s.adminPeople.audit({ limit: 2 })),
      };
    });
    expect(answers.all).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
    expect(answers.h2).toEqual(['e3', 'e2']);
    expect(answers.h1Services.map((r) => [r.entityId, r.before, r.after])).toEqual([
      ['e5', { n: 5 }, { n: 6, list: ['a'] }],
      ['e1', null, { n: 2, list: ['a'] }],
    ]);
    expect(answers.limited).toEqual(['e5', 'e4']);
  });
});

describe('the city lock (PostgreSQL)', () => {
  it('runs two nodes’ city-wide admin writes one after the other, the second seeing the first', async () => {
    const url = await both.server.createDatabase();
    const [a, b] = [await PgStore.open(url, { poolSize: 2 }), await PgStore.open(url, { poolSize: 2 })];
    try {
      let releaseFirst!: () => void;
      const held = new Promise<void>((r) => (releaseFirst = r));
      let firstIn!: () => void;
      const entered = new Promise<void>((r) => (firstIn = r));
      const first = a.writeCity(async (tx) => {
        await tx.adminHalls.saveDepartment({ id: 'dx', name: '甲' });
        firstIn();
        await held;
      });
      await entered;
      const order: string[] = [];
      const second = b.writeCity(async (tx) => {
        order.push(`second saw ${(await tx.query<{ name: string }>("SELECT name FROM departments WHERE id = 'dx'")).rows[0]?.name ?? 'nothing'}`);
        await tx.adminHalls.saveDepartment({ id: 'dx', name: '乙' });
      });
      // the second waits on the lock while the first holds it: a statement outside the lock still runs
      await b.pool.query('SELECT 1');
      order.push('first commits');
      releaseFirst();
      await Promise.all([first, second]);
      expect(order).toEqual(['first commits', 'second saw 甲']);
      expect((await a.pool.query("SELECT name FROM departments WHERE id = 'dx'")).rows).toEqual([{ name: '乙' }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
