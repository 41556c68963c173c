import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { auditOf, listen } from './admin-test-kit.js';

let app: TestApp;
let admin: string;
let manager: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature] });
  admin = await app.login('admin');
  manager = await app.login('manager');
});
afterEach(() => app.close());

const hours = { summer: { from: '05-01', sessions: [['08:30', '11:30']] }, winter: { from: '10-01', sessions: [['08:30', '11:30']] } };

describe('hall settings', () => {
  it('the scrolling notice reaches open boards live and is audited with before/after', async () => {
    const board = await listen(app, TOKENS.display);
    const res = await app.http('PUT', '/api/admin/halls/main/notice', { token: manager, body: { notice: '今日下午 16:00 起暂停办理不动产业务' } });
    expect(res.status).toBe(200);
    expect((await board.next('config.changed')).data).toEqual({ entity: 'hall', id: 'main' });
    const hall = await app.http('GET', '/api/halls/main', { token: TOKENS.display });
    expect(hall.body.notice).toBe('今日下午 16:00 起暂停办理不动产业务');
    const [entry] = await auditOf(app, manager, 'hall');
    expect(entry).toMatchObject({ action: 'hall.notice', actorId: 'm1', before: { notice: '' }, after: { notice: '今日下午 16:00 起暂停办理不动产业务' } });
  });

  it('the calling policy is validated, kept per hall, and takes effect', async () => {
    const bad = await app.http('PUT', '/api/admin/halls/main/policy', { token: manager, body: { policy: { priorityBurst: 0 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('priorityBurst');
    const marks = await app.http('PUT', '/api/admin/halls/main/policy', { token: manager, body: { policy: { waitAlertMinutes: [30, 20, 40] } } });
    expect(marks.status).toBe(400);
    expect(marks.body.error.message).toContain('waitAlertMinutes');
    const ok = await app.http('PUT', '/api/admin/halls/main/policy', {
      token: manager,
      body: { policy: { voiceTemplate: '请 {number} 号到 {window} 号窗口', waitAlertMinutes: [5, 15, 30] } },
    });
    expect(ok.status).toBe(200);
    const hall = await app.http('GET', '/api/halls/main', { token: TOKENS.display });
    expect(hall.body.policy).toEqual({ voiceTemplate: '请 {number} 号到 {window} 号窗口', waitAlertMinutes: [5, 15, 30] });
    const overview = await app.http('GET', '/api/admin/halls/main', { token: manager });
    expect(overview.body.effectivePolicy).toMatchObject({ priorityBurst: 2, waitAlertMinutes: [5, 15, 30] });
    // the console lists the hall's devices from the same answer (a list, not an unresolved promise)
    expect(overview.body.devices).toEqual(expect.arrayContaining([expect.objectContaining({ hallId: 'main' })]));
    const branch = await app.http('GET', '/api/halls/branch', { token: admin });
    expect(branch.body.policy.waitAlertMinutes).toEqual([10, 20, 40]);
  });

  it('an admin adds a hall with zones; a zone with windows cannot be removed', async () => {
    const hall = await app.http('POST', '/api/admin/halls', {
      token: admin,
      body: { id: 'east', name: '东区分厅', timezone: 'Asia/Shanghai', hours, zones: [{ id: 'e1', name: '一楼' }] },
    });
    expect(hall.status).toBe(201);
    expect((await app.http('POST', '/api/admin/halls', { token: manager, body: { id: 'west', name: '西区', timezone: 'Asia/Shanghai', hours } })).status).toBe(
      403,
    );
    const tz = await app.http('POST', '/api/admin/halls', { token: admin, body: { id: 'x', name: 'x', timezone: 'Mars/Olympus', hours } });
    expect(tz.status).toBe(400);
    expect(tz.body.error.message).toContain('timezone');
    const zone = await app.http('POST', '/api/admin/halls/main/zones', { token: manager, body: { id: 'f3', name: '三楼' } });
    expect(zone.status).toBe(201);
    expect((await app.http('DELETE', '/api/admin/halls/main/zones/f1', { token: manager })).status).toBe(409);
    expect((await app.http('DELETE', '/api/admin/halls/main/zones/f3', { token: manager })).status).toBe(200);
    expect((await app.http('DELETE', '/api/admin/halls/main', { token: admin })).status).toBe(409);
    expect((await app.http('DELETE', '/api/admin/halls/east', { token: admin })).status).toBe(200);
  });

  it('a hall created without zones has none (no made-up 一楼)', async () => {
    expect(
      (await app.http('POST', '/api/admin/halls', { token: admin, body: { id: 'north', name: '北区分厅', timezone: 'Asia/Shanghai', hours } })).status,
    ).toBe(201);
    expect(await app.server.store.halls.zones('north')).toEqual([]);
    expect((await app.http('POST', '/api/admin/halls/north/zones', { token: admin, body: { id: 'n1', name: '北区大厅' } })).status).toBe(201);
    expect((await app.server.store.halls.zones('north')).map((z) => z.name)).toEqual(['北区大厅']);
  });

  it('departments are added and renamed; one with services cannot be removed', async () => {
    expect((await app.http('POST', '/api/admin/departments', { token: manager, body: { id: 'social', name: '人社' } })).status).toBe(201);
    expect((await app.http('PATCH', '/api/admin/departments/social', { token: manager, body: { name: '人力资源和社会保障' } })).status).toBe(200);
    expect((await app.http('PATCH', '/api/admin/departments/realty', { token: manager, body: { name: '不动产登记中心' } })).status).toBe(403);
    expect(
      (await app.http('PATCH', '/api/admin/departments/realty', { token: await app.login('branchmanager'), body: { name: '不动产登记中心' } })).status,
    ).toBe(200);
    expect((await app.http('DELETE', '/api/admin/departments/tax', { token: admin })).status).toBe(409);
    expect((await app.http('DELETE', '/api/admin/departments/social', { token: admin })).status).toBe(200);
  });
});

describe('hardware', () => {
  const doc = {
    buses: [{ id: 'bus1', port: '/dev/ttyUSB0', baudRate: 9600 }],
    hardware: [
      { id: 'led-w3', kind: 'led', busId: 'bus1', address: 3, windowId: 'w3' },
      { id: 'prn-1', kind: 'printer', interface: 'tcp://192.0.2.10:9100', kioskId: 'kiosk-1' },
    ],
  };

  it('buses and boards are saved and validated with the field named', async () => {
    const clash = structuredClone(doc);
    clash.hardware.push({ id: 'led-w4', kind: 'led', busId: 'bus1', address: 3, windowId: 'w4' });
    const bad = await app.http('PUT', '/api/admin/hardware', { token: admin, body: clash });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('hardware[2].address');
    const unknownBus = await app.http('PUT', '/api/admin/hardware', { token: admin, body: { ...doc, buses: [] } });
    expect(unknownBus.body.error.message).toContain('hardware[0].busId');
    expect((await app.http('PUT', '/api/admin/hardware', { token: manager, body: doc })).status).toBe(403);
    const ok = await app.http('PUT', '/api/admin/hardware', { token: admin, body: doc });
    expect(ok.status).toBe(200);
    expect((await app.http('GET', '/api/admin/hardware', { token: manager })).body).toEqual(doc);
    expect((await app.http('GET', '/api/admin/config/export', { token: admin })).body.hardware).toEqual(doc.hardware);
  });

  it('"test" on a board sends a device.test event to the device host', async () => {
    await app.http('PUT', '/api/admin/hardware', { token: admin, body: doc });
    const agent = await listen(app, TOKENS.agent);
    const res = await app.http('POST', '/api/admin/hardware/led-w3/test', { token: manager });
    expect(res.status).toBe(200);
    const event = await agent.next('device.test');
    expect(event).toMatchObject({ hallId: 'main', windowId: 'w3', data: { hardwareId: 'led-w3', kind: 'led', by: 'm1' } });
    expect((await app.http('POST', '/api/admin/hardware/prn-1/test', { token: await app.login('branchmanager') })).status).toBe(403);
    expect((await app.http('POST', '/api/admin/hardware/nothing/test', { token: manager })).status).toBe(404);
  });
});
