import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { expectError } from '../http/hall-steps.js';
import { appointmentsApp, bj, bookOnline, idNumber } from './steps.js';

describe('booking input', () => {
  let app: TestApp;
  // one server for the file: every refusal must leave it unchanged, which the last tests check
  beforeAll(async () => ({ app } = await appointmentsApp()));
  afterAll(() => app.close());

  const attempt = (over: Record<string, unknown>) =>
    app.http('POST', '/api/appointments', {
      body: { serviceId: 'tax-reg', start: bj('2026-11-24', '09:00'), name: '张三', phone: '13812345678', channel: 'online', ...over },
    });
  const attemptConfirmed = (over: Record<string, unknown> & { phone: string }) =>
    bookOnline(app, { serviceId: 'tax-reg', start: bj('2026-11-24', '09:00'), name: '张三', ...over });

  it.each([['1381234567'], ['23812345678'], ['phone-number'], ['12812345678']])('phone %s → 400 naming phone', async (phone) => {
    expect(expectError(await attempt({ phone }), 400, 'VALIDATION')).toMatch(/^phone /);
  });

  it.each([
    ['110105194912310021', 'check character'],
    ['11010519491331002X', 'date of birth'],
    ['1101051949123100', '18 characters'],
    [idNumber('11010520300101001'), 'date of birth'],
  ])('ID number %s → 400 naming idNumber (%s)', async (id, why) => {
    const message = expectError(await attempt({ idNumber: id }), 400, 'VALIDATION');
    expect(message).toMatch(/^idNumber /);
    expect(message).toContain(why);
  });

  it('an empty name, a missing phone or an unknown channel are refused naming the field', async () => {
    expect(expectError(await attempt({ name: '   ' }), 400, 'VALIDATION')).toContain('name');
    const noPhone = { serviceId: 'tax-reg', start: bj('2026-11-24', '09:00'), name: '张三', channel: 'online' };
    expect(expectError(await app.http('POST', '/api/appointments', { body: noPhone }), 400, 'VALIDATION')).toContain('phone');
    expect(expectError(await attempt({ channel: 'fax' }), 400, 'VALIDATION')).toContain('channel');
    expect(expectError(await attempt({ start: 'tomorrow' }), 400, 'VALIDATION')).toContain('start');
  });

  it('a refused booking changes nothing', async () => {
    await attempt({ phone: 'x' });
    const slots = (await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-24')).body;
    expect(slots.every((s: { booked: number }) => s.booked === 0)).toBe(true);
  });

  it('accepts a valid ID number with a lower-case x and a +86 phone, keeping only the last 4 of the ID', async () => {
    const res = await attemptConfirmed({ idNumber: '11010519491231002x', phone: '+86 138 1234 5678', start: bj('2026-11-25', '09:00') });
    expect(res.status, res.text).toBe(201);
    expect(res.body.phone).toBe('138****5678');
    const stored = await app.http('GET', `/api/appointments/${res.body.code}`, { token: await app.login('manager') });
    expect(stored.body).toMatchObject({ phone: '13812345678', idNumberLast4: '002X' });
  });

  it('manager edits are validated too', async () => {
    const manager = await app.login('manager');
    expect(
      expectError(await app.http('PUT', '/api/halls/main/calendar/days/2026-02-30', { token: manager, body: { kind: 'holiday' } }), 400, 'VALIDATION'),
    ).toContain('date');
    expect(
      expectError(
        await app.http('POST', '/api/halls/main/calendar/extended', { token: manager, body: { on: 'workdays', from: '13:00', to: '12:00' } }),
        400,
        'VALIDATION',
      ),
    ).toContain('to');
    expect(
      expectError(await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { webhookUrl: 'not a url' } }), 400, 'VALIDATION'),
    ).toContain('webhookUrl');
    expectError(
      await app.http('PUT', '/api/halls/main/calendar/days/2026-12-01', { token: await app.login('wangfang'), body: { kind: 'holiday' } }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await app.http('PUT', '/api/halls/main/calendar/days/2026-12-01', { token: await app.login('branchmanager'), body: { kind: 'holiday' } }),
      403,
      'FORBIDDEN',
    );
  });
});
