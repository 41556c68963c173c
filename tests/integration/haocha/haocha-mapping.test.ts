import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { createHaochaFeature } from '../../../server/haocha/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature, createHaochaFeature({ dispatchEveryMs: 3_600_000 })] });
});
afterEach(() => app.close());

const codes = { hallCode: '330100-ZWFW', services: { 'tax-reg': 'SX-TAX-001' }, windows: { w1: 'CK-01' } };

describe("a hall's 好差评 codes, set by its manager", () => {
  it("are saved beside the admin's endpoint and the other halls' codes, and audited under the hall", async () => {
    const admin = await app.login('admin');
    await app.http('PUT', '/api/haocha/settings', {
      token: admin,
      body: { url: 'https://haocha.example.gov.cn/api', halls: { branch: { hallCode: 'BR-01' } } },
    });
    const manager = await app.login('manager');
    const put = await app.http('PUT', '/api/haocha/halls/main/mapping', { token: manager, body: codes });
    expect(put.status).toBe(200);
    expect((await app.http('GET', '/api/haocha/halls/main/mapping', { token: manager })).body).toEqual({ endpointSet: true, mapping: codes });
    expect((await app.http('GET', '/api/haocha/settings', { token: admin })).body).toEqual({
      url: 'https://haocha.example.gov.cn/api',
      halls: { branch: { hallCode: 'BR-01' }, main: codes },
    });
    const audit = await app.http('GET', '/api/admin/audit?hallId=main', { token: manager });
    expect(audit.body[0]).toMatchObject({ action: 'haocha.mapping', actorName: '黄主任', entityName: '市政务服务中心' });
  });

  it("refuses another hall's manager, a service or window not of the hall, and a blank code, changing nothing", async () => {
    const other = await app.login('branchmanager');
    expect((await app.http('PUT', '/api/haocha/halls/main/mapping', { token: other, body: codes })).status).toBe(403);
    expect((await app.http('GET', '/api/haocha/halls/main/mapping', { token: other })).status).toBe(403);
    const manager = await app.login('manager');
    const realty = await app.http('PUT', '/api/haocha/halls/main/mapping', { token: manager, body: { services: { realty: 'SX-BDC' } } });
    expect(realty.status).toBe(400);
    expect(realty.body.error.message).toMatch(/services\.realty/);
    const bw1 = await app.http('PUT', '/api/haocha/halls/main/mapping', { token: manager, body: { windows: { bw1: 'CK-B1' } } });
    expect(bw1.body.error.message).toMatch(/windows\.bw1/);
    expect((await app.http('PUT', '/api/haocha/halls/main/mapping', { token: manager, body: { hallCode: '  ' } })).status).toBe(400);
    expect((await app.http('GET', '/api/haocha/halls/main/mapping', { token: manager })).body).toEqual({ endpointSet: false, mapping: {} });
  });
});
