import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { PASSWORD, TOKENS } from '../../helpers/test-config.js';
import { auditOf, listen } from './admin-test-kit.js';

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature] });
  admin = await app.login('admin');
});
afterEach(() => app.close());

const exported = async () => (await app.http('GET', '/api/admin/config/export', { token: admin })).body;

describe('the whole configuration as a config file', () => {
  it('export holds every section and no password or token', async () => {
    const config = await exported();
    expect(config.halls.map((h: { id: string }) => h.id)).toEqual(['branch', 'main']);
    expect(config.services).toHaveLength(4);
    expect(config.staff.find((s: { id: string }) => s.id === 's2')).toMatchObject({ windowIds: ['w2'], substituteWindowIds: ['w1'] });
    const text = JSON.stringify(config);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(TOKENS.kiosk);
    expect(text).not.toMatch(/"password"|"token"|scrypt/);
  });

  it('export → import shows no change, and applying it yields the same configuration', async () => {
    const before = await exported();
    const dry = await app.http('POST', '/api/admin/config/import', { token: admin, body: before });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ applied: false, changes: [] });
    const applied = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: before });
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    expect(await exported()).toEqual(before);
    expect((await app.http('POST', '/api/auth/login', { body: { username: 'wangfang', password: PASSWORD } })).status).toBe(200);
    expect((await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).status).toBe(200);
  });

  it('import shows the diff and changes nothing until it is confirmed', async () => {
    const board = await listen(app, TOKENS.display);
    const file = await exported();
    file.services.find((s: { id: string }) => s.id === 'invoice').name = '发票申领';
    file.services.push({ id: 'social', name: '社保登记', prefix: 'S', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 7 });
    file.windows.find((w: { id: string }) => w.id === 'w3').serviceIds.push('social');
    file.devices = file.devices.filter((d: { id: string }) => d.id !== 'kiosk-2');
    file.staff.push({ id: 's7', name: '孙悦', role: 'staff', username: 'sunyue', password: 'sunyue-pass', windowIds: ['w3'] });
    const dry = await app.http('POST', '/api/admin/config/import', { token: admin, body: file });
    expect(dry.body.applied).toBe(false);
    expect(dry.body.changes).toEqual(
      expect.arrayContaining([
        { section: 'services', id: 'invoice', change: 'changed', fields: ['name'] },
        { section: 'services', id: 'social', change: 'added' },
        { section: 'windows', id: 'w3', change: 'changed', fields: ['serviceIds'] },
        { section: 'staff', id: 's7', change: 'added' },
        { section: 'devices', id: 'kiosk-2', change: 'removed' },
      ]),
    );
    expect(dry.body.changes).toHaveLength(5);
    const kioskList = async () => (await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).body.map((s: { name: string }) => s.name);
    expect(await kioskList()).toEqual(['税务登记', '发票领用', '营业执照']);
    expect((await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk2 })).status).toBe(200);
    expect(board.events.filter((e) => e.type === 'config.changed')).toEqual([]);

    const applied = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: file });
    expect(applied.body.applied).toBe(true);
    expect((await board.next('config.changed')).data).toEqual({ entity: 'config', id: 'import' });
    expect(await kioskList()).toEqual(['税务登记', '发票申领', '营业执照', '社保登记']);
    expect((await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk2 })).status).toBe(401);
    expect((await app.http('POST', '/api/auth/login', { body: { username: 'sunyue', password: 'sunyue-pass' } })).status).toBe(200);
    const [entry] = await auditOf(app, admin, 'config');
    expect(entry).toMatchObject({ action: 'config.import', actorId: 'a1' });
    expect(entry!.before.services).toHaveLength(4);
    expect(entry!.after.services).toHaveLength(5);
  });

  it('a file that does not validate is refused naming the field, and nothing changes', async () => {
    const file = await exported();
    file.services[1].prefix = 'lower';
    const bad = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: file });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('services[1].prefix');
    const noPassword = await exported();
    noPassword.staff.push({ id: 's7', name: '孙悦', role: 'staff', username: 'sunyue', windowIds: ['w3'] });
    const res = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: noPassword });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`staff[${noPassword.staff.length - 1}].password`);
    const dupPrefix = await exported();
    dupPrefix.services.find((s: { id: string }) => s.id === 'license').prefix = 'A';
    const dup = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: dupPrefix });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('prefix');
    const moved = await exported();
    moved.services.find((s: { id: string }) => s.id === 'license').hallId = 'branch';
    moved.windows.find((w: { id: string }) => w.id === 'w1').serviceIds = ['tax-reg'];
    moved.windows.find((w: { id: string }) => w.id === 'w4').serviceIds = [];
    const move = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: moved });
    expect(move.status).toBe(400);
    expect(move.body.error.message).toMatch(/services\[\d\]\.hallId/);
    expect(await auditOf(app, admin, 'config')).toEqual([]);
  });

  it('an import may not remove a service that has waiting tickets', async () => {
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } });
    const file = await exported();
    file.services = file.services.filter((s: { id: string }) => s.id !== 'invoice');
    file.windows.find((w: { id: string }) => w.id === 'w3').serviceIds = [];
    const res = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: file });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SERVICE_HAS_WAITING');
    expect((await exported()).services).toHaveLength(4);
  });

  it('a branch hall is set up from a copy of the main hall', async () => {
    const file = await exported();
    file.halls.push({ ...file.halls.find((h: { id: string }) => h.id === 'main'), id: 'east', name: '东区分厅', zones: [{ id: 'e1', name: '东区一楼' }] });
    file.services.push({ id: 'east-tax', name: '税务登记', prefix: 'A', departmentId: 'tax', hallId: 'east', avgServiceMinutes: 8 });
    file.windows.push({ id: 'e-w1', number: 1, name: '1号窗口', hallId: 'east', zoneId: 'e1', serviceIds: ['east-tax'] });
    file.devices.push({ id: 'east-kiosk', kind: 'kiosk', hallId: 'east', token: 'east-kiosk-token-0123456789' });
    const res = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: file });
    expect(res.status).toBe(200);
    const services = await app.http('GET', '/api/halls/east/services', { token: 'east-kiosk-token-0123456789' });
    expect(services.body.map((s: { id: string }) => s.id)).toEqual(['east-tax']);
    expect((await app.http('GET', '/api/halls/main/services', { token: 'east-kiosk-token-0123456789' })).status).toBe(403);
    const ticket = await app.http('POST', '/api/tickets', { token: 'east-kiosk-token-0123456789', body: { serviceId: 'east-tax' } });
    expect(ticket.body.number).toBe('A001');
  });
});
