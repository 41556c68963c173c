import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature, createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 })] });
  admin = await app.login('admin');
});
afterEach(() => app.close());

interface Entry {
  action: string;
  entityId: string;
  actorName: string;
  entityName: string;
  at: string;
}

const adminAudit = async (hallId: string, token = admin): Promise<Entry[]> => {
  const res = await app.http('GET', `/api/admin/audit?hallId=${hallId}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};

async function importRenamed(serviceId: string, name: string): Promise<void> {
  const file = (await app.http('GET', '/api/admin/config/export', { token: admin })).body;
  file.services.find((s: { id: string }) => s.id === serviceId).name = name;
  const res = await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: file });
  expect(res.status).toBe(200);
}

describe('audit entries are filed under every hall a change touches, with names', () => {
  it("a config import renaming a main-hall service is listed for the main hall's manager, not the branch's", async () => {
    await importRenamed('invoice', '发票申领');
    const manager = await app.login('manager');
    const main = await adminAudit('main', manager);
    expect(main[0]).toMatchObject({ action: 'config.import', actorName: '管理员' });
    expect((await adminAudit('branch', await app.login('branchmanager'))).some((e) => e.action === 'config.import')).toBe(false);
    const today = new Date(app.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const supervision = await app.http('GET', `/api/supervision/halls/main/audit?from=${today}&to=${today}`, { token: manager });
    expect(supervision.body.map((e: Entry) => e.action)).toContain('config.import');
  });

  it('an import touching both halls is listed under both; a shared department change too', async () => {
    const file = (await app.http('GET', '/api/admin/config/export', { token: admin })).body;
    file.services.find((s: { id: string }) => s.id === 'invoice').name = '发票申领';
    file.services.find((s: { id: string }) => s.id === 'realty').name = '不动产登记(预约)';
    expect((await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: file })).status).toBe(200);
    expect((await adminAudit('main'))[0]!.action).toBe('config.import');
    expect((await adminAudit('branch'))[0]!.action).toBe('config.import');

    expect((await app.http('PATCH', '/api/admin/departments/tax', { token: admin, body: { name: '税务局' } })).status).toBe(200);
    for (const hall of ['main', 'branch']) expect((await adminAudit(hall))[0]).toMatchObject({ action: 'department.update', entityName: '税务局' });
  });

  it('names the person and the thing, also once the thing is gone', async () => {
    const manager = await app.login('manager');
    const created = await app.http('POST', '/api/admin/services', {
      token: manager,
      body: { hallId: 'main', name: '社保卡补办', prefix: 'S', departmentId: 'tax', avgServiceMinutes: 6 },
    });
    expect(created.status).toBe(201);
    expect((await app.http('DELETE', `/api/admin/services/${created.body.id}`, { token: manager })).status).toBe(200);
    const [deleted, made] = await adminAudit('main', manager);
    expect(deleted).toMatchObject({ action: 'service.delete', actorName: '黄主任', entityName: '社保卡补办' });
    expect(made).toMatchObject({ action: 'service.create', actorName: '黄主任', entityName: '社保卡补办' });
    expect(deleted!.entityId).toBe(created.body.id);

    const ticket = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });
    expect(ticket.status).toBe(201);
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    expect((await app.http('POST', '/api/windows/w1/skip', { token: staff })).status).toBe(200);
    expect((await app.http('POST', `/api/tickets/${ticket.body.id}/restore`, { token: staff, body: { reason: '群众返回' } })).status).toBe(200);
    expect((await adminAudit('main', manager))[0]).toMatchObject({ action: 'restore', actorName: '王芳', entityName: ticket.body.number });
  });
});
