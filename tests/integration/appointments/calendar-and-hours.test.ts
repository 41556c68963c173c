import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, expectError, issue } from '../http/hall-steps.js';
import { appointmentsApp, bj, book } from './steps.js';

describe('the working calendar at the kiosk', () => {
  let app: TestApp;
  let manager: string;
  beforeEach(async () => {
    ({ app } = await appointmentsApp());
    manager = await app.login('manager');
  });
  afterEach(() => app.close());

  const walkIn = () => app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } });

  it('a public holiday refuses walk-in tickets with 409 HALL_CLOSED, the reason and the next opening', async () => {
    const put = await app.http('PUT', '/api/halls/main/calendar/days/2026-11-23', { token: manager, body: { kind: 'holiday', name: '测试节' } });
    expect(put.status, put.text).toBe(204);
    const reason = expectError(await walkIn(), 409, 'HALL_CLOSED');
    expect(reason).toContain('法定节假日（测试节）');
    expect(reason).toContain('明天 08:30');
    const services = await app.http('GET', '/api/halls/main/services', { token: TOKENS.kiosk });
    expect(services.body[0]).toMatchObject({ open: false, closedReason: expect.stringContaining('测试节') });
    const hall = await app.http('GET', '/api/halls/main', { token: TOKENS.kiosk });
    expect(hall.body.open).toMatchObject({ open: false, nextOpening: bj('2026-11-24', '08:30') });
    await app.http('DELETE', '/api/halls/main/calendar/days/2026-11-23', { token: manager });
    expect((await walkIn()).status).toBe(201);
  });

  it('a weekend refuses walk-ins; a swapped working day (调休) on a weekend takes them', async () => {
    await app.http('PUT', '/api/halls/main/calendar/days/2026-11-29', { token: manager, body: { kind: 'workday', name: '调休上班' } });
    app.clock.set(bj('2026-11-28', '10:00'));
    expect(expectError(await walkIn(), 409, 'HALL_CLOSED')).toContain('休息日');
    app.clock.set(bj('2026-11-29', '10:00'));
    expect((await walkIn()).status).toBe(201);
  });

  it('in an extended period walk-ins are refused but an appointment checks in', async () => {
    const added = await app.http('POST', '/api/halls/main/calendar/extended', {
      token: manager,
      body: { on: '2026-11-28', from: '09:00', to: '12:00', note: '周六预约办' },
    });
    expect(added.status, added.text).toBe(201);
    const slots = (await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-28')).body;
    expect(slots[0]).toMatchObject({ start: bj('2026-11-28', '09:00') });
    const booked = await book(app, { start: bj('2026-11-28', '09:30') });
    app.clock.set(bj('2026-11-28', '09:20'));
    expect(expectError(await walkIn(), 409, 'HALL_CLOSED')).toContain('仅接待预约');
    const checkIn = await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk });
    expect(checkIn.status, checkIn.text).toBe(201);
    // and it is called once its slot begins
    const wangfang = await app.login('wangfang');
    await act(app, wangfang, 'w1', 'open');
    app.clock.set(bj('2026-11-28', '09:30'));
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.id).toBe(checkIn.body.ticket.id);
  });

  it('the lunch-hour extension on working days opens slots between the sessions', async () => {
    await app.http('POST', '/api/halls/main/calendar/extended', { token: manager, body: { on: 'workdays', from: '12:00', to: '13:00' } });
    const slots = (await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-24')).body.map((s: { start: string }) => s.start);
    expect(slots).toContain(bj('2026-11-24', '12:00'));
    expect(slots).toContain(bj('2026-11-24', '12:30'));
    expect(slots).not.toContain(bj('2026-11-24', '11:30'));
    app.clock.set(bj('2026-11-23', '12:15'));
    expect(expectError(await walkIn(), 409, 'HALL_CLOSED')).toContain('仅接待预约');
  });

  it("a manager loads a year's holidays and 调休 at once, replacing that year only", async () => {
    await app.http('PUT', '/api/halls/main/calendar/days/2027-01-01', { token: manager, body: { kind: 'holiday', name: '元旦' } });
    const year = await app.http('PUT', '/api/halls/main/calendar/years/2026', {
      token: manager,
      body: {
        days: [
          { date: '2026-11-23', kind: 'holiday', name: '测试节' },
          { date: '2026-11-28', kind: 'workday', name: '调休上班' },
        ],
      },
    });
    expect(year.status, year.text).toBe(204);
    const days = (await app.http('GET', '/api/halls/main/calendar?from=2026-11-23&to=2027-01-01')).body.days;
    expect(days[0]).toMatchObject({ kind: 'holiday', name: '测试节' });
    expect(days[5]).toMatchObject({ date: '2026-11-28', kind: 'workday' });
    expect(days.at(-1)).toMatchObject({ date: '2027-01-01', kind: 'holiday' });
    expect(
      expectError(
        await app.http('PUT', '/api/halls/main/calendar/years/2026', { token: manager, body: { days: [{ date: '2027-01-02', kind: 'holiday' }] } }),
        400,
        'VALIDATION',
      ),
    ).toContain('days[0].date');
    expectError(await walkIn(), 409, 'HALL_CLOSED');
  });

  it("GET …/calendar gives each day's kind, sessions and extensions for the kiosk", async () => {
    await app.http('PUT', '/api/halls/main/calendar/days/2026-11-25', { token: manager, body: { kind: 'holiday', name: '测试节' } });
    const res = await app.http('GET', '/api/halls/main/calendar?from=2026-11-23&to=2026-11-29');
    expect(res.status, res.text).toBe(200);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.days[0]).toEqual({
      date: '2026-11-23',
      kind: 'workday',
      sessions: [
        ['08:30', '11:30'],
        ['13:00', '16:30'],
      ],
      extended: [],
    });
    expect(res.body.days[2]).toMatchObject({ kind: 'holiday', name: '测试节', sessions: [] });
    expect(res.body.days[5]).toMatchObject({ kind: 'weekend', sessions: [] });
    expect(res.body.now).toEqual({ open: true });
    expectError(await app.http('GET', '/api/halls/main/calendar?from=2026-11-23&to=2027-11-29'), 400, 'VALIDATION');
  });

  it('tickets already issued are served after the day closes (延时服务)', async () => {
    app.clock.set(bj('2026-11-23', '16:25'));
    const late = await issue(app, 'tax-reg');
    app.clock.set(bj('2026-11-23', '16:45'));
    expectError(await walkIn(), 409, 'HALL_CLOSED');
    const wangfang = await app.login('wangfang');
    await act(app, wangfang, 'w1', 'open');
    expect((await act(app, wangfang, 'w1', 'call-next')).ticket.id).toBe(late.id);
  });
});
