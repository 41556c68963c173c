import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppointmentsFeature } from '../../../server/appointments/feature.js';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { expectError } from '../http/hall-steps.js';
import { appointmentsApp, bj, book, bookOnline, idNumber, phoneCode } from './steps.js';
import { appointmentsOf } from '../../helpers/store-reads.js';

const ID = idNumber('11010119900307231');
const OTHER_ID = idNumber('11010119851122452');

describe('a bar cannot be escaped with a new phone: online bookings give an ID number unless the phone has come before', () => {
  let app: TestApp;
  let feature: AppointmentsFeature;
  // the hall's default rule: idRequired 'new-phones'
  beforeEach(async () => ({ app, feature } = await appointmentsApp({ idRequired: 'new-phones' })));
  afterEach(() => app.close());

  const online = (phone: string, start: string, id?: string) =>
    bookOnline(app, { serviceId: 'tax-reg', start, name: '张三', phone, ...(id ? { idNumber: id } : {}) });
  const booked = async () => (await appointmentsOf(app)).length;

  it('a first booking without an ID number is refused naming idNumber, holds nothing, and the SMS code still books with the ID', async () => {
    const code = await phoneCode(app, '13812345678');
    const body = { serviceId: 'tax-reg', start: bj('2026-11-24', '09:00'), name: '张三', phone: '13812345678', channel: 'online', phoneCode: code };
    expect(expectError(await app.http('POST', '/api/appointments', { body }), 400, 'ID_REQUIRED')).toMatch(/^idNumber is required/);
    expect(await booked()).toBe(0);
    const res = await app.http('POST', '/api/appointments', { body: { ...body, idNumber: ID } });
    expect(res.status, res.text).toBe(201);
  });

  it('barred under one phone: a new phone without an ID is asked for one, with the same ID it is barred', async () => {
    await app.http('PUT', '/api/halls/main/appointment-rules', { token: await app.login('manager'), body: { noShowLimit: 2 } });
    expect((await online('13812345678', bj('2026-11-23', '10:30'), ID)).status).toBe(201);
    expect((await online('13812345678', bj('2026-11-23', '11:00'), ID)).status).toBe(201);
    app.clock.set(bj('2026-11-23', '11:31'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 2, bars: 1 });

    expectError(await online('13700000000', bj('2026-11-25', '09:00')), 400, 'ID_REQUIRED');
    expectError(await online('13700000000', bj('2026-11-25', '09:00'), ID), 403, 'APPOINTMENT_BARRED');
    expectError(await online('13812345678', bj('2026-11-25', '09:00'), OTHER_ID), 403, 'APPOINTMENT_BARRED');
    expect(await booked()).toBe(2);
  });

  it('a phone that checked in before books without an ID; after a no-show it gives one again', async () => {
    expect((await online('13812345678', bj('2026-11-23', '10:30'), ID)).status).toBe(201);
    const [first] = await appointmentsOf(app);
    app.clock.set(bj('2026-11-23', '10:20'));
    expect((await app.http('POST', `/api/appointments/${first!.code}/check-in`, { token: TOKENS.kiosk })).status).toBe(201);

    expect((await online('13812345678', bj('2026-11-24', '09:00'))).status).toBe(201);
    app.clock.set(bj('2026-11-24', '09:31'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 1 });
    expectError(await online('13812345678', bj('2026-11-25', '09:00')), 400, 'ID_REQUIRED');
    expect((await online('13812345678', bj('2026-11-25', '09:00'), ID)).status).toBe(201);
  });

  it('staff taking a booking by phone decide themselves; a manager may ask an ID of everyone, and nothing else', async () => {
    const staffBooked = await book(app, { start: bj('2026-11-24', '09:00'), phone: '13900000000', channel: 'phone' }, await app.login('wangfang'));
    expect(staffBooked.status).toBe('booked');
    const manager = await app.login('manager');
    expect(
      expectError(await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { idRequired: 'sometimes' } }), 400, 'VALIDATION'),
    ).toContain('idRequired');
    expect((await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { idRequired: 'never' } })).status).toBe(200);
    expect((await online('13812345678', bj('2026-11-24', '09:30'))).status).toBe(201);
    expect((await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { idRequired: 'always' } })).status).toBe(200);
    expectError(await online('13812345678', bj('2026-11-25', '09:30')), 400, 'ID_REQUIRED');
  });
});
