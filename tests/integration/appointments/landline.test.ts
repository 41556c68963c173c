import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppointmentsFeature } from '../../../server/appointments/feature.js';
import type { TestApp } from '../../helpers/test-app.js';
import { expectError } from '../http/hall-steps.js';
import { startGateway, type SmsGateway } from './sms-gateway.js';
import { appointmentsApp, bj, book } from './steps.js';

describe('landlines: a phone request may give one, but only a mobile gets messages', () => {
  let app: TestApp;
  let feature: AppointmentsFeature;
  let gateway: SmsGateway;
  beforeEach(async () => {
    gateway = await startGateway();
    ({ app, feature } = await appointmentsApp());
    const res = await app.http('PUT', '/api/halls/main/appointment-rules', {
      token: await app.login('manager'),
      body: { webhookUrl: gateway.url, noShowLimit: 1 },
    });
    expect(res.status, res.text).toBe(200);
  });
  afterEach(async () => {
    await app.close();
    await gateway.close();
  });

  it('staff take a landline by phone; the booking says it gets no SMS, and none is sent — confirmation, reminder, no-show or bar', async () => {
    const clerk = await app.login('wangfang');
    const landline = await book(app, { start: bj('2026-11-24', '09:00'), phone: '(0571) 8765-4321', channel: 'phone' }, clerk);
    expect(landline).toMatchObject({ status: 'booked', phone: '0571****4321', sms: false });
    const mobile = await book(app, { start: bj('2026-11-24', '09:00'), phone: '+86 139-1234-5678', channel: 'phone' }, clerk);
    expect(mobile).toMatchObject({ phone: '139****5678', sms: true });

    await feature.runJobs();
    app.clock.set(bj('2026-11-24', '08:10')); // the hour-before reminder
    await feature.runJobs();
    app.clock.set(bj('2026-11-24', '09:31'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 2, bars: 2 });
    await feature.runJobs();
    expect(gateway.received.map((n) => n.to.phone)).not.toContain('057187654321');
    expect(new Set(gateway.received.map((n) => n.kind))).toEqual(new Set(['confirmation', 'reminder', 'no-show', 'barred']));
    expect(gateway.received.every((n) => n.to.phone === '13912345678')).toBe(true);
  });

  it('an online booking needs a mobile (the page confirms it by SMS): a landline is refused naming phone, and gets no code', async () => {
    const res = await app.http('POST', '/api/appointments', {
      body: { serviceId: 'tax-reg', start: bj('2026-11-24', '09:00'), name: '张三', phone: '010-12345678', channel: 'online', phoneCode: '123456' },
    });
    expect(expectError(res, 400, 'VALIDATION')).toMatch(/^phone must be a mobile number/);
    expect(expectError(await app.http('POST', '/api/halls/main/phone-codes', { body: { phone: '010-12345678' } }), 400, 'VALIDATION')).toMatch(/^phone /);
  });

  it('a number that is neither is refused naming phone, for staff too', async () => {
    const clerk = await app.login('wangfang');
    for (const phone of ['8765 4321', '010-1234567', '12812345678']) {
      const res = await app.http('POST', '/api/appointments', {
        token: clerk,
        body: { serviceId: 'tax-reg', start: bj('2026-11-24', '09:00'), name: '张三', phone, channel: 'phone' },
      });
      expect(expectError(res, 400, 'VALIDATION')).toContain('landline number with area code');
    }
  });
});
