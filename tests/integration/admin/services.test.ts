import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { auditOf, listen } from './admin-test-kit.js';

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature] });
  admin = await app.login('admin');
});
afterEach(() => app.close());

const newService = { id: 'social', hallId: 'main', name: '社保登记', prefix: 'D', departmentId: 'tax', avgServiceMinutes: 6, materials: '身份证原件' };

describe('services in the console', () => {
  it('an added service is audited, announced live and listed on the kiosk at once', async () => {
    const kiosk = await listen(app, TOKENS.kiosk);
    const res = await app.http('POST', '/api/admin/services', { token: admin, body: newService });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 'social', prefix: 'D', enabled: true, materials: '身份证原件' });
    const event = await kiosk.next('config.changed');
    expect(event.data).toEqual({ entity: 'service', id: 'social' });
    const list = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(list.body.map((s: { id: string }) => s.id)).toContain('social');
    const [entry] = await auditOf(app, admin, 'service');
    expect(entry).toMatchObject({ action: 'service.create', entityId: 'social', actorId: 'a1', before: null });
    expect(entry!.after).toMatchObject({ prefix: 'D', name: '社保登记' });
  });

  it('bad input is refused with 400 naming the field, and nothing changes', async () => {
    const kiosk = await listen(app, TOKENS.kiosk);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...newService, prefix: 'd1' }, 'prefix'],
      [{ ...newService, avgServiceMinutes: 0 }, 'avgServiceMinutes'],
      [{ ...newService, name: '' }, 'name'],
      [{ ...newService, departmentId: 'nowhere' }, 'departmentId'],
      [{ ...newService, colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await app.http('POST', '/api/admin/services', { token: admin, body });
      expect(res.status, field).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.message).toContain(field);
    }
    const patch = await app.http('PATCH', '/api/admin/services/tax-reg', { token: admin, body: { avgServiceMinutes: -3 } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toContain('avgServiceMinutes');
    const list = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(list.body.map((s: { id: string }) => s.id)).toEqual(['tax-reg', 'invoice', 'license']);
    expect(await auditOf(app, admin, 'service')).toEqual([]);
    expect(kiosk.events.filter((e) => e.type === 'config.changed')).toEqual([]);
  });

  it('a prefix already used in the hall is refused; the same prefix in another hall is fine', async () => {
    const dup = await app.http('POST', '/api/admin/services', { token: admin, body: { ...newService, prefix: 'B' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('PREFIX_IN_USE');
    const change = await app.http('PATCH', '/api/admin/services/license', { token: admin, body: { prefix: 'A' } });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe('PREFIX_IN_USE');
    const branch = await app.http('POST', '/api/admin/services', {
      token: admin,
      body: { ...newService, id: 'realty-2', hallId: 'branch', prefix: 'B', departmentId: 'realty' },
    });
    expect(branch.status).toBe(201);
  });

  it('a service with waiting tickets cannot be deleted; disabled, its tickets are still served', async () => {
    const ticket = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } });
    expect(ticket.status).toBe(201);
    const del = await app.http('DELETE', '/api/admin/services/invoice', { token: admin });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('SERVICE_HAS_WAITING');
    const disable = await app.http('PATCH', '/api/admin/services/invoice', { token: admin, body: { enabled: false } });
    expect(disable.status).toBe(200);
    const refused = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } });
    expect(refused.status).toBe(409);
    const staff = await app.login('zhangmin');
    expect((await app.http('POST', '/api/windows/w3/open', { token: staff })).status).toBe(200);
    const called = await app.http('POST', '/api/windows/w3/call-next', { token: staff });
    expect(called.status).toBe(200);
    expect(called.body.ticket.number).toBe(ticket.body.number);
  });

  it('a service that never had a ticket can be deleted, and leaves the windows that served it', async () => {
    await app.http('POST', '/api/admin/services', { token: admin, body: newService });
    await app.http('PATCH', '/api/admin/windows/w1', { token: admin, body: { serviceIds: ['tax-reg', 'license', 'social'] } });
    const del = await app.http('DELETE', '/api/admin/services/social', { token: admin });
    expect(del.status).toBe(200);
    const hall = await app.http('GET', '/api/admin/halls/main', { token: admin });
    expect(hall.body.services.map((s: { id: string }) => s.id)).not.toContain('social');
    expect(hall.body.windows.find((w: { id: string }) => w.id === 'w1').serviceIds).toEqual(['tax-reg', 'license']);
  });
});
