import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppointmentsFeature } from '../../../server/appointments/feature.js';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { expectError } from '../http/hall-steps.js';
import { appointmentsApp, bj, book, bookOnline, idNumber } from './steps.js';
import { auditOf } from '../../helpers/store-reads.js';

const ID = idNumber('11010119900307231');

describe('no-shows and booking bars', () => {
  let app: TestApp;
  let feature: AppointmentsFeature;
  beforeEach(async () => ({ app, feature } = await appointmentsApp()));
  afterEach(() => app.close());

  const status = async (code: string) => (await app.http('GET', `/api/appointments/${code}`, { token: await app.login('manager') })).body.status as string;

  it('not checked in by start + 30 min → no_show, and check-in then says EXPIRED', async () => {
    const a = await book(app, { start: bj('2026-11-23', '10:30') });
    app.clock.set(bj('2026-11-23', '11:00'));
    expect((await feature.runJobs()).noShows).toBe(0);
    expect(await status(a.code)).toBe('booked');
    app.clock.advanceSeconds(1);
    expect((await feature.runJobs()).noShows).toBe(1);
    expect(await status(a.code)).toBe('no_show');
    expectError(await app.http('POST', `/api/appointments/${a.code}/check-in`, { token: TOKENS.kiosk }), 409, 'EXPIRED');
  });

  it('a checked-in or cancelled booking never becomes a no-show', async () => {
    const checked = await book(app, { start: bj('2026-11-23', '10:30') });
    const cancelled = await book(app, { start: bj('2026-11-23', '10:30'), phone: '13900000000' });
    await app.http('POST', `/api/appointments/${checked.code}/check-in`, { token: TOKENS.kiosk });
    await app.http('DELETE', `/api/appointments/${cancelled.code}?phoneLast4=0000`);
    app.clock.set(bj('2026-11-23', '12:00'));
    expect((await feature.runJobs()).noShows).toBe(0);
    expect([await status(checked.code), await status(cancelled.code)]).toEqual(['checked_in', 'cancelled']);
  });

  it('the third no-show bars the person by phone and by ID number; the bar expires', async () => {
    const manager = await app.login('manager');
    await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { barDays: 7 } });
    await book(app, { start: bj('2026-11-23', '10:30'), idNumber: ID });
    await book(app, { start: bj('2026-11-23', '11:00'), idNumber: ID });
    await book(app, { start: bj('2026-11-24', '08:30'), phone: '13800001111', idNumber: ID });
    app.clock.set(bj('2026-11-23', '11:31'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 2, bars: 0 });
    // two no-shows: still allowed
    const fourth = await book(app, { start: bj('2026-11-25', '08:30') });
    await app.http('DELETE', `/api/appointments/${fourth.code}?phoneLast4=5678`);
    app.clock.set(bj('2026-11-24', '09:01'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 1, bars: 1 });

    const attempt = (phone: string, id?: string) =>
      bookOnline(app, { serviceId: 'tax-reg', start: bj('2026-11-25', '09:00'), name: '张三', phone, ...(id ? { idNumber: id } : {}) });
    expect(expectError(await attempt('13812345678'), 403, 'APPOINTMENT_BARRED')).toContain('2026-12-01');
    expectError(await attempt('13700000000', ID), 403, 'APPOINTMENT_BARRED');
    // this hall asks no ID number (idRequired 'never'): a new phone without one books (id-required.test.ts closes that)
    expect((await attempt('13700000000')).status).toBe(201);

    // (staff sessions end with the day: log in again)
    const bars = (await app.http('GET', '/api/halls/main/appointment-bars', { token: await app.login('manager') })).body;
    expect(bars).toEqual([expect.objectContaining({ phone: '138****1111', noShows: 3 })]);
    expect(JSON.stringify(bars)).not.toContain(ID);

    app.clock.set(bj('2026-12-01', '09:05'));
    expect((await bookOnline(app, { serviceId: 'tax-reg', start: bj('2026-12-02', '09:00'), name: '张三', phone: '13812345678', idNumber: ID })).status).toBe(
      201,
    );
    expect((await app.http('GET', '/api/halls/main/appointment-bars', { token: await app.login('manager') })).body).toEqual([]);
  });

  it('no-shows outside the configured period do not count', async () => {
    await app.http('PUT', '/api/halls/main/appointment-rules', { token: await app.login('manager'), body: { noShowPeriodDays: 1, noShowLimit: 2 } });
    await book(app, { start: bj('2026-11-23', '10:30') });
    await book(app, { start: bj('2026-11-25', '10:30') });
    app.clock.set(bj('2026-11-23', '11:01'));
    await feature.runJobs();
    app.clock.set(bj('2026-11-25', '11:01'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 1, bars: 0 });
  });

  it('a manager lifts a bar with a reason, audited; staff may not', async () => {
    await app.http('PUT', '/api/halls/main/appointment-rules', { token: await app.login('manager'), body: { noShowLimit: 1 } });
    await book(app, { start: bj('2026-11-23', '10:30') });
    app.clock.set(bj('2026-11-23', '11:01'));
    expect((await feature.runJobs()).bars).toBe(1);
    const manager = await app.login('manager');
    const [bar] = (await app.http('GET', '/api/halls/main/appointment-bars', { token: manager })).body;
    expectError(
      await app.http('POST', `/api/appointment-bars/${bar.id}/lift`, { token: await app.login('wangfang'), body: { reason: '核实' } }),
      403,
      'FORBIDDEN',
    );
    expect(expectError(await app.http('POST', `/api/appointment-bars/${bar.id}/lift`, { token: manager, body: { reason: ' ' } }), 400, 'VALIDATION')).toContain(
      'reason',
    );
    const lifted = await app.http('POST', `/api/appointment-bars/${bar.id}/lift`, { token: manager, body: { reason: '来电说明因病未到，已核实' } });
    expect(lifted.status, lifted.text).toBe(200);
    expect((await book(app, { start: bj('2026-11-24', '09:00') })).status).toBe('booked');
    const audit = await auditOf(app, 'appointment.bar.lift');
    expect(audit.map((a) => ({ actorId: a.actorId, reason: a.reason }))).toEqual([{ actorId: 'm1', reason: '来电说明因病未到，已核实' }]);
  });

  it('the purge erases name and phone after the retention period; bars still match', async () => {
    await app.http('PUT', '/api/halls/main/appointment-rules', { token: await app.login('manager'), body: { retentionDays: 30 } });
    const a = await book(app, { start: bj('2026-11-23', '10:30') });
    await app.http('POST', `/api/appointments/${a.code}/check-in`, { token: TOKENS.kiosk });
    app.clock.set(bj('2026-12-23', '10:00'));
    expect((await feature.runJobs()).purged).toBe(0);
    app.clock.set(bj('2026-12-24', '10:00'));
    expect((await feature.runJobs()).purged).toBe(1);
    const row = await app.server.stores.appointments.byCode(a.code);
    expect(row).toMatchObject({ name: '', phone: '', idHash: null });
  });
});
