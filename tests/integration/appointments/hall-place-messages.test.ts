import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { createAppointmentsFeature, type AppointmentsFeature } from '../../../server/appointments/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig } from '../../helpers/test-config.js';
import { expectError } from '../http/hall-steps.js';
import { startGateway, type SmsGateway } from './sms-gateway.js';
import { appointmentsApp, bj, book } from './steps.js';

const ADDRESS = '人民路 88 号市民中心一楼';

describe("booking messages follow the hall's own check-in window and say where the hall is", () => {
  let app: TestApp;
  let feature: AppointmentsFeature;
  let gateway: SmsGateway;
  let manager: string;
  beforeEach(async () => {
    gateway = await startGateway();
    ({ app, feature } = await appointmentsApp({ features: [adminFeature] }));
    manager = await app.login('manager');
    const rules = await app.http('PUT', '/api/halls/main/appointment-rules', {
      token: manager,
      body: { webhookUrl: gateway.url, checkInBeforeMinutes: 15, checkInAfterMinutes: 10, reminderMinutesBefore: [60] },
    });
    expect(rules.status, rules.text).toBe(200);
    const hall = await app.http('PATCH', '/api/admin/halls/main', { token: manager, body: { address: ` ${ADDRESS} ` } });
    expect(hall.status, hall.text).toBe(200);
    expect(hall.body.address).toBe(ADDRESS);
  });
  afterEach(async () => {
    await app.close();
    await gateway.close();
  });

  it('the confirmation and the reminder give the configured window (10:15–10:40 for 10:30), the hall and its address — no fixed 前后30分钟', async () => {
    const booked = await book(app, { start: bj('2026-11-24', '10:30') });
    await feature.runJobs();
    app.clock.set(bj('2026-11-24', '09:31'));
    await feature.runJobs();
    const [confirmation, reminder] = gateway.received;
    expect(confirmation?.kind).toBe('confirmation');
    expect(confirmation?.text).toBe(
      `【市政务服务中心】预约成功：税务登记，11月24日 10:30–11:00，预约码 ${booked.code}。请于 10:15–10:40 到市政务服务中心（地址：${ADDRESS}）签到。`,
    );
    expect(reminder?.kind).toBe('reminder');
    expect(reminder?.text).toContain(`请于 10:15–10:40 到市政务服务中心（地址：${ADDRESS}）签到`);
    expect(gateway.received.map((n) => n.text).join()).not.toContain('30分钟');
  });

  it('an English booking is told in English, with the same window and address', async () => {
    await book(app, { start: bj('2026-11-24', '10:30'), lang: 'en' });
    await feature.runJobs();
    expect(gateway.received[0]).toMatchObject({ kind: 'confirmation', lang: 'en' });
    expect(gateway.received[0]?.text).toContain(`Check in at 市政务服务中心 (${ADDRESS}) between 10:15 and 10:40.`);
  });

  it("the booking page's data and a booking name the hall and its address; the address is refused over 200 characters", async () => {
    const info = await app.http('GET', '/api/halls/main/booking');
    expect(info.body).toMatchObject({ hallName: '市政务服务中心', hallAddress: ADDRESS });
    const booked = await book(app, { start: bj('2026-11-24', '10:30') });
    expect(booked).toMatchObject({ hallName: '市政务服务中心', hallAddress: ADDRESS });
    expect(expectError(await app.http('PATCH', '/api/admin/halls/main', { token: manager, body: { address: 'x'.repeat(201) } }), 400, 'VALIDATION')).toContain(
      'address',
    );
    expect((await app.http('GET', '/api/halls/main/booking')).body.hallAddress).toBe(ADDRESS);
  });
});

describe('the hall address in the config file', () => {
  it('is seeded, shown to the booking page and exported like the rest of the hall', async () => {
    const config = testConfig();
    config.halls[0]!.address = ADDRESS;
    const app = await buildTestApp({ config, features: [adminFeature, createAppointmentsFeature({ jobIntervalMs: 3_600_000 })] });
    try {
      expect((await app.http('GET', '/api/halls/main/booking')).body.hallAddress).toBe(ADDRESS);
      const exported = await app.http('GET', '/api/admin/config/export', { token: await app.login('admin') });
      expect(exported.body.halls.find((h: { id: string }) => h.id === 'main').address).toBe(ADDRESS);
    } finally {
      await app.close();
    }
  });
});
