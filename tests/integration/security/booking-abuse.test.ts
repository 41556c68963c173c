import { afterEach, describe, expect, it } from 'vitest';
import type { AppointmentsFeature } from '../../../server/appointments/feature.js';
import { DEFAULT_LIMITS } from '../../../server/security/limits.js';
import type { TestApp } from '../../helpers/test-app.js';
import { expectError } from '../http/hall-steps.js';
import { appointmentsApp, bj, bookOnline, idNumber, phoneCode, phoneInbox } from '../appointments/steps.js';

let app: TestApp;
let feature: AppointmentsFeature;
afterEach(() => app.close());

/** the real limits, not the roomy ones other appointment tests use */
const withDefaults = async (over: Partial<typeof DEFAULT_LIMITS> = {}) =>
  ({ app, feature } = await appointmentsApp({ limits: { ...DEFAULT_LIMITS, ...over } }));
const body = (over: Record<string, unknown> = {}) => ({
  serviceId: 'tax-reg',
  start: bj('2026-11-24', '09:00'),
  name: '张三',
  phone: '13812345678',
  channel: 'online',
  ...over,
});
const post = (over: Record<string, unknown> = {}) => app.http('POST', '/api/appointments', { body: body(over) });
const outboxKinds = async (appointmentId: string) =>
  (await app.server.stores.outbox.all('main')).filter((m) => m.appointmentId === appointmentId).map((m) => m.kind);

describe('online bookings confirm the phone by SMS code', () => {
  it('no code, a wrong one, or a used one hold no place; five wrong guesses void the code', async () => {
    await withDefaults();
    expectError(await post(), 403, 'PHONE_NOT_CONFIRMED');
    const code = await phoneCode(app, '13812345678');
    expect(phoneInbox.sent.at(-1)!.text).toContain(code);
    for (let i = 0; i < 5; i++)
      expect(expectError(await post({ phoneCode: code === '000000' ? '111111' : '000000' }), 403, 'PHONE_NOT_CONFIRMED')).toContain('phoneCode');
    expectError(await post({ phoneCode: code }), 403, 'PHONE_NOT_CONFIRMED');

    const fresh = await phoneCode(app, '13812345678');
    const booked = await post({ phoneCode: fresh });
    expect(booked.status, booked.text).toBe(201);
    expectError(await post({ phoneCode: fresh, start: bj('2026-11-25', '09:00') }), 403, 'PHONE_NOT_CONFIRMED');
    const slots = (await app.http('GET', '/api/halls/main/services/tax-reg/slots?date=2026-11-24')).body as { start: string; booked: number }[];
    expect(slots.find((s) => s.start === bj('2026-11-24', '09:00'))!.booked).toBe(1);
  });

  it('texts at most 3 codes an hour to one number', async () => {
    await withDefaults();
    for (let i = 0; i < 3; i++) await phoneCode(app, '13912345678');
    expectError(await app.http('POST', '/api/halls/main/phone-codes', { body: { phone: '13912345678' } }), 429, 'RATE_LIMITED');
    expect(expectError(await app.http('POST', '/api/halls/main/phone-codes', { body: { phone: '010-12345678' } }), 400, 'VALIDATION')).toContain('phone');
  });
});

describe('per-person limits', () => {
  it('one booking per service per day and three open in all, by phone or by ID number', async () => {
    await withDefaults({ phoneCodesPerPhonePerHour: 100 });
    const ID = idNumber('11010119900307231');
    expect((await bookOnline(app, body({ idNumber: ID }) as never)).status).toBe(201);
    const sameDay = await bookOnline(app, body({ start: bj('2026-11-24', '10:00') }) as never);
    expectError(sameDay, 409, 'BOOKING_LIMIT');
    // another phone, the same ID number
    expectError(await bookOnline(app, body({ start: bj('2026-11-24', '10:00'), phone: '13700000000', idNumber: ID }) as never), 409, 'BOOKING_LIMIT');
    expect((await bookOnline(app, body({ serviceId: 'invoice', start: bj('2026-11-24', '09:00') }) as never)).status).toBe(201);
    expect((await bookOnline(app, body({ start: bj('2026-11-25', '09:00') }) as never)).status).toBe(201);
    expectError(await bookOnline(app, body({ start: bj('2026-11-26', '09:00') }) as never), 409, 'BOOKING_LIMIT');
  });
});

describe('per-address limits', () => {
  it('30 bookings, cancels or codes an hour from one address, then 429', async () => {
    await withDefaults();
    for (let i = 0; i < 30; i++) {
      expect((await app.http('POST', '/api/halls/main/phone-codes', { body: { phone: `1380000${String(i).padStart(4, '0')}` } })).status).toBe(201);
    }
    const refused = await app.http('POST', '/api/halls/main/phone-codes', { body: { phone: '13900000000' } });
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expectError(await post(), 429, 'RATE_LIMITED');
    app.clock.advanceMinutes(60);
    expect((await app.http('POST', '/api/halls/main/phone-codes', { body: { phone: '13900000000' } })).status).toBe(201);
  });
});

describe('appointment codes', () => {
  it("a lookup needs the phone's last 4 digits and shows only masked data; lookups are limited per address", async () => {
    await withDefaults();
    const booked = await bookOnline(app, body({ name: '张三丰', idNumber: idNumber('11010119900307231') }) as never);
    const code = booked.body.code as string;
    expectError(await app.http('GET', `/api/appointments/${code}`), 401, 'PHONE_LAST4_REQUIRED');
    expectError(await app.http('GET', `/api/appointments/${code}?phoneLast4=0000`), 404, 'NOT_FOUND');
    expectError(await app.http('DELETE', `/api/appointments/${code}?phoneLast4=0000`), 404, 'NOT_FOUND');
    const seen = await app.http('GET', `/api/appointments/${code}?phoneLast4=5678`);
    expect(seen.body).toMatchObject({ status: 'booked', name: '张**', phone: '138****5678' });
    expect(seen.body.idNumberLast4).toBeUndefined();
    expect(seen.text).not.toContain('13812345678');
    // 30 code lookups in 10 minutes from one address, then 429 whatever the code
    for (let i = 4; i < 30; i++) await app.http('GET', `/api/appointments/GUESS${String(i).padStart(3, '0')}?phoneLast4=1234`);
    expectError(await app.http('GET', `/api/appointments/${code}?phoneLast4=5678`), 429, 'RATE_LIMITED');
    expectError(await app.http('POST', `/api/appointments/${code}/check-in`), 429, 'RATE_LIMITED');
  });
});

describe('book/cancel loops', () => {
  it('a booking cancelled within seconds gets no "cancelled" message; one cancelled later does', async () => {
    await withDefaults();
    const quick = (await bookOnline(app, body() as never)).body;
    expect((await app.http('DELETE', `/api/appointments/${quick.code}?phoneLast4=5678`)).status).toBe(200);
    expect(await outboxKinds(quick.id)).not.toContain('cancelled');
    const later = (await bookOnline(app, body({ start: bj('2026-11-25', '09:00') }) as never)).body;
    app.clock.advanceMinutes(5);
    await app.http('DELETE', `/api/appointments/${later.code}?phoneLast4=5678`);
    expect(await outboxKinds(later.id)).toContain('cancelled');
  });
});

describe('bars', () => {
  it("no-shows under an unconfirmed phone bar nobody: booking three times with a stranger's number does not get them barred", async () => {
    ({ app, feature } = await appointmentsApp());
    const manager = await app.login('manager');
    expect((await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { confirmPhone: false } })).status).toBe(200);
    for (const start of [bj('2026-11-23', '10:30'), bj('2026-11-23', '11:00'), bj('2026-11-24', '08:30')]) {
      expect((await post({ start, phone: '13600001111' })).status).toBe(201);
    }
    app.clock.set(bj('2026-11-24', '09:01'));
    expect(await feature.runJobs()).toMatchObject({ noShows: 3, bars: 0 });
    expect((await post({ start: bj('2026-11-25', '09:00'), phone: '13600001111' })).status).toBe(201);
  });
});
