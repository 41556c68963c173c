import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { auditOf, disconnected, listen } from './admin-test-kit.js';

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature] });
  admin = await app.login('admin');
});
afterEach(() => app.close());

describe('who may configure which hall', () => {
  it('a manager of the branch hall is refused on the main hall, and allowed on their own', async () => {
    const branch = await app.login('branchmanager');
    const refused: [string, string, unknown?][] = [
      ['GET', '/api/admin/halls/main'],
      ['POST', '/api/admin/services', { hallId: 'main', name: '新事项', prefix: 'Q', departmentId: 'tax', avgServiceMinutes: 5 }],
      ['PATCH', '/api/admin/services/tax-reg', { name: '改名' }],
      ['PATCH', '/api/admin/windows/w1', { name: '改名' }],
      ['PUT', '/api/admin/halls/main/notice', { notice: '分厅写的通知' }],
      ['PUT', '/api/admin/halls/main/policy', { policy: { ageLimitMinutes: 5 } }],
      ['POST', '/api/admin/devices/kiosk-1/revoke'],
      ['PATCH', '/api/admin/staff/s1', { name: '改名' }],
      ['GET', '/api/admin/config/export'],
    ];
    for (const [method, path, body] of refused) {
      const res = await app.http(method, path, { token: branch, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const own = await app.http('PATCH', '/api/admin/services/realty', { token: branch, body: { materials: '不动产权证书' } });
    expect(own.status).toBe(200);
    const halls = await app.http('GET', '/api/admin/halls', { token: branch });
    expect(halls.body.map((h: { id: string }) => h.id)).toEqual(['branch']);
    const all = await app.http('GET', '/api/admin/halls', { token: admin });
    expect(all.body.map((h: { id: string }) => h.id)).toEqual(['branch', 'main']);
    const hall = await app.http('GET', '/api/admin/halls/main', { token: admin });
    expect(hall.body.services.find((s: { id: string }) => s.id === 'tax-reg').name).toBe('税务登记');
  });

  it('window staff and devices may not configure; no token is 401', async () => {
    expect((await app.http('GET', '/api/admin/halls', { token: await app.login('wangfang') })).status).toBe(403);
    expect((await app.http('GET', '/api/admin/halls', { token: TOKENS.kiosk })).status).toBe(403);
    expect((await app.http('GET', '/api/admin/halls')).status).toBe(401);
  });

  it('a manager adds staff to their hall but cannot make a manager or an admin', async () => {
    const manager = await app.login('manager');
    const ok = await app.http('POST', '/api/admin/staff', {
      token: manager,
      body: { name: '新人', role: 'staff', username: 'xinren', password: 'xinren-1', windowIds: ['w2'] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.hallId).toBe('main');
    const boss = await app.http('POST', '/api/admin/staff', {
      token: manager,
      body: { name: '新主任', role: 'manager', hallId: 'main', username: 'boss', password: 'boss-pass' },
    });
    expect(boss.status).toBe(403);
    const promote = await app.http('PATCH', `/api/admin/staff/${ok.body.id}`, { token: manager, body: { role: 'admin' } });
    expect(promote.status).toBe(403);
  });
});

describe('devices', () => {
  it('a created device gets a token once, and it works', async () => {
    const kiosk = await listen(app, TOKENS.display);
    const res = await app.http('POST', '/api/admin/devices', { token: admin, body: { id: 'kiosk-9', hallId: 'main', kind: 'kiosk' } });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^[\w-]{20,}$/);
    expect((await kiosk.next('config.changed')).data).toEqual({ entity: 'device', id: 'kiosk-9' });
    expect((await app.http('GET', '/api/halls/main/services', { token: res.body.token })).status).toBe(200);
    const list = await app.http('GET', '/api/admin/devices', { token: admin });
    const row = list.body.find((d: { id: string }) => d.id === 'kiosk-9');
    expect(row.lastSeenAt).toBe(app.clock.now().toISOString());
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);
    const evaluator = await app.http('POST', '/api/admin/devices', { token: admin, body: { hallId: 'main', kind: 'evaluator' } });
    expect(evaluator.status).toBe(400);
    expect(evaluator.body.error.message).toContain('windowId');
  });

  it('a revoked device token disconnects its socket at once and is refused over HTTP', async () => {
    const kiosk = await listen(app, TOKENS.kiosk);
    const gone = disconnected(kiosk.socket);
    const res = await app.http('POST', '/api/admin/devices/kiosk-1/revoke', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(false);
    await gone;
    expect((await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk })).status).toBe(401);
    expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } })).status).toBe(401);
    expect((await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk2 })).status).toBe(200);
    const [entry] = await auditOf(app, admin, 'device');
    expect(entry).toMatchObject({ action: 'device.revoke', entityId: 'kiosk-1', actorId: 'a1' });
  });

  it('rotating a token retires the old one and drops its socket', async () => {
    const board = await listen(app, TOKENS.display);
    const gone = disconnected(board.socket);
    const res = await app.http('POST', '/api/admin/devices/board-1/rotate', { token: admin });
    expect(res.status).toBe(200);
    await gone;
    expect((await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display })).status).toBe(401);
    expect((await app.http('GET', '/api/halls/main/snapshot', { token: res.body.token })).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents every admin endpoint with its schemas at /docs', async () => {
    const doc = (await app.http('GET', '/docs/json')).body;
    const adminPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/admin/'));
    expect(adminPaths.length).toBeGreaterThanOrEqual(20);
    for (const path of adminPaths) {
      for (const [method, op] of Object.entries<any>(doc.paths[path])) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.tags, `${method} ${path}`).toContain('admin');
        if (method === 'post' || method === 'put' || method === 'patch') {
          if (!path.endsWith('/rotate') && !path.endsWith('/revoke') && !path.endsWith('/test')) expect(op.requestBody, `${method} ${path}`).toBeDefined();
        }
      }
    }
    const create = doc.paths['/api/admin/services'].post;
    expect(create.requestBody.content['application/json'].schema.properties.prefix.pattern).toBe('^[A-Z]{1,2}$');
    expect(create.responses['201']).toBeDefined();
    expect(create.responses['409']).toBeDefined();
  });
});
