import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

let app: TestApp;
let manager: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature] });
  manager = await app.login('manager');
});
afterEach(async () => {
  await app.close();
});

const kioskHall = async () => (await app.http('GET', '/api/halls/main', { token: TOKENS.kiosk })).body;

describe('English names and announced zones in the administration API', () => {
  it('a hall, a zone and a department get an English name the kiosk then reads; clearing it leaves the Chinese', async () => {
    expect((await app.http('PATCH', '/api/admin/halls/main', { token: manager, body: { nameEn: 'City Government Service Center' } })).status).toBe(200);
    expect((await app.http('PATCH', '/api/admin/halls/main/zones/f2', { token: manager, body: { nameEn: '2nd floor' } })).status).toBe(200);
    const dept = (await kioskHall()).departments[0];
    expect((await app.http('PATCH', `/api/admin/departments/${dept.id}`, { token: manager, body: { name: dept.name, nameEn: 'Taxation' } })).status).toBe(200);

    const hall = await kioskHall();
    expect(hall).toMatchObject({ name: '市政务服务中心', nameEn: 'City Government Service Center' });
    expect(hall.zones.find((z: { id: string }) => z.id === 'f2')).toMatchObject({ name: '二楼', nameEn: '2nd floor' });
    expect(hall.departments.find((d: { id: string }) => d.id === dept.id)).toMatchObject({ nameEn: 'Taxation' });

    await app.http('PATCH', '/api/admin/halls/main', { token: manager, body: { nameEn: '' } });
    expect((await kioskHall()).nameEn).toBeUndefined();
  });

  it('a new zone takes its English name and the zones it announces; a rename keeps both', async () => {
    const created = await app.http('POST', '/api/admin/halls/main/zones', {
      token: manager,
      body: { id: 'f3', name: '三楼', nameEn: '3rd floor', announceFrom: ['f2'] },
    });
    expect(created.status).toBe(201);
    expect((await app.http('PATCH', '/api/admin/halls/main/zones/f1', { token: manager, body: { announceFrom: ['f2', 'f3'] } })).status).toBe(200);
    expect((await app.http('PATCH', '/api/admin/halls/main/zones/f3', { token: manager, body: { name: '三层' } })).status).toBe(200);
    const zones = (await kioskHall()).zones;
    expect(zones.find((z: { id: string }) => z.id === 'f1')).toMatchObject({ announceFrom: ['f2', 'f3'] });
    expect(zones.find((z: { id: string }) => z.id === 'f3')).toMatchObject({ name: '三层', nameEn: '3rd floor', announceFrom: ['f2'] });
    // a zone still announced elsewhere is not removed from under it
    const refused = await app.http('DELETE', '/api/admin/halls/main/zones/f3', { token: manager });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ZONE_IN_USE');
  });

  it("refuses announceFrom naming the zone itself, another hall's zone or one twice (400 naming the entry), changing nothing", async () => {
    for (const [announceFrom, field] of [
      [['f1'], 'announceFrom[0]'],
      [['f2', 'b1'], 'announceFrom[1]'],
      [['f2', 'f2'], 'announceFrom[1]'],
    ] as const) {
      const res = await app.http('PATCH', '/api/admin/halls/main/zones/f1', { token: manager, body: { announceFrom } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    expect((await kioskHall()).zones.find((z: { id: string }) => z.id === 'f1').announceFrom).toEqual([]);
  });

  it('export → import keeps every English name and announceFrom (an import used to wipe them)', async () => {
    const admin = await app.login('admin');
    await app.http('PATCH', '/api/admin/halls/main', { token: admin, body: { nameEn: 'City Center' } });
    await app.http('PATCH', '/api/admin/halls/main/zones/f1', { token: admin, body: { nameEn: '1st floor', announceFrom: ['f2'] } });
    await app.http('PATCH', '/api/admin/services/tax-reg', { token: admin, body: { nameEn: 'Tax registration' } });
    const file = (await app.http('GET', '/api/admin/config/export', { token: admin })).body;
    expect(file.halls.find((h: { id: string }) => h.id === 'main')).toMatchObject({
      nameEn: 'City Center',
      zones: expect.arrayContaining([{ id: 'f1', name: '一楼', nameEn: '1st floor', announceFrom: ['f2'] }]),
    });
    expect((await app.http('POST', '/api/admin/config/import', { token: admin, body: file })).body.changes).toEqual([]);
    expect((await app.http('POST', '/api/admin/config/import?apply=true', { token: admin, body: file })).status).toBe(200);
    const hall = await kioskHall();
    expect(hall.nameEn).toBe('City Center');
    expect(hall.zones.find((z: { id: string }) => z.id === 'f1')).toMatchObject({ nameEn: '1st floor', announceFrom: ['f2'] });
    expect(hall.services.find((s: { id: string }) => s.id === 'tax-reg').nameEn).toBe('Tax registration');
  });
});
