import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppointmentsFeature } from '../../../server/appointments/feature.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startGateway, type SmsGateway } from './sms-gateway.js';
import { appointmentsApp, bj, book } from './steps.js';

describe('messages when a booking becomes a no-show and when a person is barred', () => {
  let app: TestApp;
  let feature: AppointmentsFeature;
  let gateway: SmsGateway;
  beforeEach(async () => {
    gateway = await startGateway();
    ({ app, feature } = await appointmentsApp());
    const res = await app.http('PUT', '/api/halls/main/appointment-rules', {
      token: await app.login('manager'),
      body: { webhookUrl: gateway.url, noShowLimit: 2, barDays: 7, reminderMinutesBefore: [] },
    });
    expect(res.status, res.text).toBe(200);
  });
  afterEach(async () => {
    await app.close();
    await gateway.close();
  });

  const of = (kind: string) => gateway.received.filter((n) => n.kind === kind);

  it('a no-show is told once, in Chinese, with the check-in deadline and what more no-shows lead to', async () => {
    await book(app, { start: bj('2026-11-23', '10:30'), phone: '13912345678' });
    app.clock.set(bj('2026-11-23', '11:01'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 1, bars: 0 });
    await feature.runJobs();
    expect(of('no-show')).toHaveLength(1);
    expect(of('no-show')[0]).toMatchObject({ lang: 'zh-CN', to: { phone: '13912345678' } });
    expect(of('no-show')[0]!.text).toBe(
      '【市政务服务中心】您预约的税务登记（11月23日 10:30–11:00）未在 11:00 前签到，已记为爽约。90天内爽约2次将暂停预约资格。',
    );
    expect(of('barred')).toEqual([]);
  });

  it("the no-show that bars the person brings the bar message once; its end is told once when the bar runs out, in the booking's language", async () => {
    await book(app, { start: bj('2026-11-23', '10:30'), lang: 'en' });
    await book(app, { start: bj('2026-11-23', '11:00'), lang: 'en' });
    app.clock.set(bj('2026-11-23', '11:31'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 2, bars: 1 });
    await feature.runJobs();
    expect(of('no-show')).toHaveLength(2);
    expect(of('no-show').every((n) => n.lang === 'en' && n.text.includes('did not check in'))).toBe(true);
    expect(of('barred')).toHaveLength(1);
    expect(of('barred')[0]!.text).toContain('booking at ');
    expect(of('barred')[0]!.text).toContain('suspended until 30 Nov');
    expect(of('bar-ended')).toEqual([]);

    app.clock.set(bj('2026-11-30', '11:30'));
    await feature.runJobs();
    expect(of('bar-ended')).toEqual([]);
    app.clock.set(bj('2026-11-30', '11:32'));
    await feature.runJobs();
    await feature.runJobs();
    expect(of('bar-ended')).toHaveLength(1);
    expect(of('bar-ended')[0]).toMatchObject({ lang: 'en', to: { phone: '13812345678' } });
    expect(of('bar-ended')[0]!.text).toContain('may book at');
  });

  it('a bar lifted by a manager is told at once, and not again when it would have run out', async () => {
    await book(app, { start: bj('2026-11-23', '10:30') });
    await book(app, { start: bj('2026-11-23', '11:00') });
    app.clock.set(bj('2026-11-23', '11:31'));
    await feature.runJobs();
    expect(of('barred')[0]!.text).toBe('【市政务服务中心】因90天内2次预约未到，您在市政务服务中心的预约资格暂停至11月30日。如有异议请联系大厅。');
    const manager = await app.login('manager');
    const [bar] = (await app.http('GET', '/api/halls/main/appointment-bars', { token: manager })).body;
    app.clock.advanceMinutes(10);
    expect((await app.http('POST', `/api/appointment-bars/${bar.id}/lift`, { token: manager, body: { reason: '因病未到，已核实' } })).status).toBe(200);
    await feature.runJobs();
    expect(of('bar-ended').map((n) => n.text)).toEqual(['【市政务服务中心】您在市政务服务中心的预约资格已恢复，欢迎再次预约。']);
    app.clock.set(bj('2026-12-01', '09:00'));
    await feature.runJobs();
    expect(of('bar-ended')).toHaveLength(1);
  });
});
