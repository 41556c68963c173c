import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, expectError, issue } from '../http/hall-steps.js';
import { appointmentsApp, bj, book } from './steps.js';

describe('booking and check-in', () => {
  let app: TestApp;
  beforeEach(async () => ({ app } = await appointmentsApp()));
  afterEach(() => app.close());

  it('the kiosk learns that appointments are on', async () => {
    const res = await app.http('GET', '/api/halls/main', { token: TOKENS.kiosk });
    expect(res.body.features).toEqual({ appointments: true });
  });

  it("lists the day's slots with capacity per window and places booked", async () => {
    await book(app, { start: bj('2026-11-23', '10:30') });
    const res = await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-23');
    expect(res.status).toBe(200);
    // slots already begun are not offered; tax-reg is served at w1 and w2: 2 windows × 2 per window
    expect(res.body[0]).toEqual({ start: bj('2026-11-23', '10:30'), end: bj('2026-11-23', '11:00'), capacity: 4, booked: 1 });
    const tomorrow = await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-24');
    expect(tomorrow.body[0]).toEqual({ start: bj('2026-11-24', '08:30'), end: bj('2026-11-24', '09:00'), capacity: 4, booked: 0 });
    expect(res.body.find((s: { start: string }) => s.start === bj('2026-11-23', '10:30'))).toMatchObject({ booked: 1 });
    expect(res.body.map((s: { start: string }) => s.start)).toContain(bj('2026-11-23', '16:00'));
  });

  it('a checked-in appointment is called before earlier plain tickets once its slot has begun, not before', async () => {
    const booked = await book(app, { start: bj('2026-11-23', '10:30') });
    const plain1 = await issue(app, 'tax-reg');
    const plain2 = await issue(app, 'tax-reg');
    app.clock.set(bj('2026-11-23', '10:05'));
    const checkedIn = await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk });
    expect(checkedIn.status, checkedIn.text).toBe(201);
    const ticket = checkedIn.body.ticket as { id: string; number: string };
    expect(ticket.number).toMatch(/^A\d{3}$/);
    expect(checkedIn.body.appointment).toMatchObject({ status: 'checked_in', name: '张*', phone: '138****5678' });

    const wangfang = await app.login('wangfang');
    const liqiang = await app.login('liqiang');
    await act(app, wangfang, 'w1', 'open');
    await act(app, liqiang, 'w2', 'open');
    // 10:10: the slot has not begun, the appointment waits like anyone else
    app.clock.set(bj('2026-11-23', '10:10'));
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.number).toBe(plain1.number);
    // 10:31: the slot has begun, it goes before plain2 (issued earlier)
    app.clock.set(bj('2026-11-23', '10:31'));
    expect((await act(app, liqiang, 'w2', 'call-next')).ticket.id).toBe(ticket.id);
    expect(plain2.number).not.toBe(ticket.number);
  });

  it('check-in too early or too late is refused and says so', async () => {
    const booked = await book(app, { start: bj('2026-11-23', '11:00') });
    const early = expectError(await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk }), 409, 'TOO_EARLY');
    expect(early).toContain('10:30');
    app.clock.set(bj('2026-11-23', '11:31'));
    expectError(await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk }), 409, 'EXPIRED');
    app.clock.set(bj('2026-11-23', '11:30'));
    expect((await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk })).status).toBe(201);
    expectError(await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk }), 409, 'ALREADY_CHECKED_IN');
  });

  it("the holder checks in from the phone by the booking link and gets the ticket's status token", async () => {
    const booked = await book(app, { start: bj('2026-11-23', '10:30') });
    // in the hall: the code its board shows (door-code.test.ts)
    const { code: doorCode } = (await app.http('GET', '/api/halls/main/door-code', { token: TOKENS.display })).body;
    const res = await app.http('POST', `/api/appointments/${booked.code.toLowerCase()}/check-in`, { body: { doorCode } });
    expect(res.status, res.text).toBe(201);
    const status = await app.http('GET', `/api/tickets/${res.body.ticket.id}/status?token=${res.body.ticket.statusToken}`);
    expect(status.body.status).toBe('waiting');
    const lookup = await app.http('GET', `/api/appointments/${booked.code}?phoneLast4=5678`);
    expect(lookup.body).toMatchObject({ status: 'checked_in', ticketNumber: res.body.ticket.number, statusToken: res.body.ticket.statusToken });
  });

  it("POST /api/tickets with the contract's appointmentCode checks in too", async () => {
    const booked = await book(app, { start: bj('2026-11-23', '10:30') });
    const res = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg', appointmentCode: booked.code } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ serviceId: 'tax-reg', status: 'waiting', number: expect.stringMatching(/^A\d{3}$/) });
    expect((await app.http('GET', `/api/appointments/${booked.code}?phoneLast4=5678`)).body.ticketId).toBe(res.body.id);
    expectError(
      await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg', appointmentCode: booked.code } }),
      409,
      'ALREADY_CHECKED_IN',
    );
  });

  it("a kiosk of another hall may not check in this hall's booking", async () => {
    const booked = await book(app, { start: bj('2026-11-23', '10:30') });
    expectError(await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.otherKiosk }), 403, 'FORBIDDEN');
  });

  it('the confirmation carries the code, the slot and the 一次性告知 materials; lookup and cancel by code free the place', async () => {
    const manager = await app.login('manager');
    const edit = await app.http('PUT', '/api/services/tax-reg/booking', {
      token: manager,
      body: { materials: '营业执照副本；身份证原件', capacityPerWindow: 1 },
    });
    expect(edit.status, edit.text).toBe(204);
    const booked = await book(app, { start: bj('2026-11-23', '14:00') });
    expect(booked).toMatchObject({
      status: 'booked',
      phone: '138****5678',
      name: '张*',
      materials: '营业执照副本；身份证原件',
      end: bj('2026-11-23', '14:30'),
    });
    expect(booked.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect((await app.http('GET', `/api/appointments/${booked.code}?phoneLast4=5678`)).body.status).toBe('booked');
    const slot = async () =>
      (await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-23')).body.find(
        (s: { start: string }) => s.start === bj('2026-11-23', '14:00'),
      );
    expect(await slot()).toMatchObject({ capacity: 2, booked: 1 });
    expect((await app.http('DELETE', `/api/appointments/${booked.code}?phoneLast4=5678`)).body.status).toBe('cancelled');
    expect(await slot()).toMatchObject({ booked: 0 });
    expectError(await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk }), 409, 'CANCELLED');
    expectError(await app.http('GET', '/api/appointments/NOPE2345?phoneLast4=5678'), 404, 'NOT_FOUND');
  });

  it("window staff see the day's bookings with the phone masked; managers in clear", async () => {
    await book(app, { start: bj('2026-11-23', '15:00'), idNumber: '11010519491231002X' });
    const staff = await app.http('GET', '/api/halls/main/appointments?date=2026-11-23', { token: await app.login('wangfang') });
    expect(staff.body).toHaveLength(1);
    expect(staff.body[0]).toMatchObject({ phone: '138****5678', idNumberLast4: '002X', name: '张三' });
    expect(JSON.stringify(staff.body)).not.toContain('11010519491231002X');
    const manager = await app.http('GET', '/api/halls/main/appointments?date=2026-11-23', { token: await app.login('manager') });
    expect(manager.body[0].phone).toBe('13812345678');
    expect((await app.http('GET', '/api/halls/main/appointments?date=2026-11-24', { token: await app.login('manager') })).body).toEqual([]);
  });

  it('staff book for a phone request; an anonymous caller may not book as staff', async () => {
    const zhangmin = await app.login('zhangmin');
    const res = await app.http('POST', '/api/appointments', {
      token: zhangmin,
      body: { serviceId: 'invoice', start: bj('2026-11-24', '09:00'), name: '李四', phone: '139 0000 1111', channel: 'phone' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.phone).toBe('139****1111');
    expectError(
      await app.http('POST', '/api/appointments', {
        body: { serviceId: 'invoice', start: bj('2026-11-24', '09:00'), name: '李四', phone: '13900001111', channel: 'onsite' },
      }),
      403,
      'FORBIDDEN',
    );
  });
});
