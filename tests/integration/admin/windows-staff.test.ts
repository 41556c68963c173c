import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../../helpers/test-config.js';
import { auditOf, disconnected, listen } from './admin-test-kit.js';

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature] });
  admin = await app.login('admin');
});
afterEach(() => app.close());

describe('windows in the console', () => {
  it('a new window with A岗 staff is audited, announced, and its staff can open it', async () => {
    const board = await listen(app, TOKENS.display);
    const staff = await app.http('POST', '/api/admin/staff', {
      token: admin,
      body: { id: 's9', hallId: 'main', name: '赵磊', employeeNo: '0901', role: 'staff', username: 'zhaolei', password: 'first-pass' },
    });
    expect(staff.status).toBe(201);
    const res = await app.http('POST', '/api/admin/windows', {
      token: admin,
      body: { id: 'w9', hallId: 'main', zoneId: 'f2', number: 9, name: '9号窗口', serviceIds: ['license', 'invoice'], primaryStaffIds: ['s9'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ serviceIds: ['license', 'invoice'], primaryStaffIds: ['s9'], substituteStaffIds: [] });
    expect((await board.next('config.changed')).data).toEqual({ entity: 'staff', id: 's9' });
    expect((await board.next('config.changed')).data).toEqual({ entity: 'window', id: 'w9' });
    const token = await app.login('zhaolei', 'first-pass');
    const open = await app.http('POST', '/api/windows/w9/open', { token });
    expect(open.status).toBe(200);
    expect(open.body.window ?? open.body).toMatchObject({ status: 'open' });
    const snapshot = await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display });
    expect(snapshot.body.windows.map((w: { number: number }) => w.number)).toContain(9);
    const [entry] = await auditOf(app, admin, 'window');
    expect(entry).toMatchObject({ action: 'window.create', entityId: 'w9', before: null });
  });

  it('assigning a person to a window lets them open it; a B岗 substitute too', async () => {
    const before = await app.http('POST', '/api/windows/w3/open', { token: await app.login('chenjing') });
    expect(before.status).toBe(403);
    const res = await app.http('PATCH', '/api/admin/windows/w3', { token: admin, body: { substituteStaffIds: ['s4'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ primaryStaffIds: ['s3'], substituteStaffIds: ['s4'] });
    const after = await app.http('POST', '/api/windows/w3/open', { token: await app.login('chenjing') });
    expect(after.status).toBe(200);
    const [entry] = await auditOf(app, admin, 'window');
    expect(entry!.before.substituteStaffIds).toEqual([]);
    expect(entry!.after.substituteStaffIds).toEqual(['s4']);
  });

  it('bad window input is refused with the field named and changes nothing', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['POST', '/api/admin/windows', { hallId: 'main', zoneId: 'b1', number: 9, name: '9号窗口', serviceIds: [] }, 'zoneId'],
      ['POST', '/api/admin/windows', { hallId: 'main', zoneId: 'f1', number: 0, name: '9号窗口', serviceIds: [] }, 'number'],
      ['POST', '/api/admin/windows', { hallId: 'main', zoneId: 'f1', number: 9, name: '9号窗口', serviceIds: ['realty'] }, 'serviceIds[0]'],
      ['PATCH', '/api/admin/windows/w1', { primaryStaffIds: ['sb'] }, 'primaryStaffIds[0]'],
      ['PATCH', '/api/admin/windows/w1', { serviceIds: ['tax-reg', 'tax-reg'] }, 'serviceIds[1]'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await app.http(method, path, { token: admin, body });
      expect(res.status, field).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    const dup = await app.http('POST', '/api/admin/windows', {
      token: admin,
      body: { hallId: 'main', zoneId: 'f1', number: 2, name: '又一个2号', serviceIds: [] },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('WINDOW_NUMBER_IN_USE');
    const hall = await app.http('GET', '/api/admin/halls/main', { token: admin });
    expect(hall.body.windows.map((w: { id: string }) => w.id)).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect(hall.body.windows[0].serviceIds).toEqual(['tax-reg', 'license']);
    expect(await auditOf(app, admin, 'window')).toEqual([]);
  });

  it("a window handling a ticket cannot lose that ticket's service, but may lose another", async () => {
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'license' } });
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    const called = await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    expect(called.body.ticket.serviceId).toBe('license');
    const refused = await app.http('PATCH', '/api/admin/windows/w1', { token: admin, body: { serviceIds: ['tax-reg'] } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SERVICE_IN_USE');
    const fine = await app.http('PATCH', '/api/admin/windows/w1', { token: admin, body: { serviceIds: ['license'] } });
    expect(fine.status).toBe(200);
    const del = await app.http('DELETE', '/api/admin/windows/w1', { token: admin });
    expect(del.status).toBe(409);
  });
});

describe('staff in the console', () => {
  it('disabling a person ends their session and drops their socket at once', async () => {
    const token = await app.login('zhangmin');
    const live = await listen(app, token);
    const gone = disconnected(live.socket);
    const res = await app.http('PATCH', '/api/admin/staff/s3', { token: admin, body: { enabled: false } });
    expect(res.status).toBe(200);
    await gone;
    expect((await app.http('GET', '/api/windows/w3', { token })).status).toBe(401);
    expect((await app.http('POST', '/api/auth/login', { body: { username: 'zhangmin', password: PASSWORD } })).status).toBe(401);
    const [entry] = await auditOf(app, admin, 'staff');
    expect(entry).toMatchObject({ action: 'staff.disable', entityId: 's3' });
  });

  it('a reset password replaces the old one and is audited without the password', async () => {
    const res = await app.http('POST', '/api/admin/staff/s1/password', { token: admin, body: { password: 'new-secret-1' } });
    expect(res.status).toBe(200);
    expect((await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: PASSWORD } })).status).toBe(401);
    expect((await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: 'new-secret-1' } })).status).toBe(200);
    const [entry] = await auditOf(app, admin, 'staff');
    expect(JSON.stringify(entry)).not.toContain('new-secret-1');
    const short = await app.http('POST', '/api/admin/staff/s1/password', { token: admin, body: { password: '123' } });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('password');
  });

  it('a photo is kept and served; a non-image is refused', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    expect((await app.http('PUT', '/api/admin/staff/s1/photo', { token: admin, body: { photo: png } })).status).toBe(200);
    const photo = await fetch(`${app.url}/api/admin/staff/s1/photo`, { headers: { authorization: `Bearer ${admin}` } });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await photo.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const board = await fetch(`${app.url}/api/staff/s1/photo`, { headers: { authorization: `Bearer ${TOKENS.display}` } });
    expect(board.status).toBe(200);
    const otherHall = await fetch(`${app.url}/api/staff/s1/photo`, { headers: { authorization: `Bearer ${TOKENS.otherKiosk}` } });
    expect(otherHall.status).toBe(403);
    const bad = await app.http('PUT', '/api/admin/staff/s1/photo', { token: admin, body: { photo: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('photo');
  });

  it('a username already taken is refused', async () => {
    const res = await app.http('POST', '/api/admin/staff', {
      token: admin,
      body: { hallId: 'main', name: '又一个', role: 'staff', username: 'wangfang', password: 'whatever1' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('USERNAME_IN_USE');
  });
});
