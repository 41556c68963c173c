import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { expectError } from '../http/hall-steps.js';
import { appointmentsApp, bj, book } from './steps.js';

describe('checking in from the phone needs the door code shown in the hall', () => {
  let app: TestApp;
  beforeEach(async () => ({ app } = await appointmentsApp()));
  afterEach(() => app.close());

  const doorCode = async () => {
    const res = await app.http('GET', '/api/halls/main/door-code', { token: TOKENS.display });
    expect(res.status, res.text).toBe(200);
    return res.body as { code: string; changesAt: string; minutes: number; url: string };
  };
  const checkIn = (code: string, body?: unknown) => app.http('POST', `/api/appointments/${code}/check-in`, body === undefined ? {} : { body });
  const status = async (code: string) => (await app.http('GET', `/api/appointments/${code}?phoneLast4=5678`)).body.status as string;

  it("the board gets a 6-digit code that changes every 5 minutes, with the booking page's address for its QR", async () => {
    const shown = await doorCode();
    expect(shown.code).toMatch(/^\d{6}$/);
    expect(shown.minutes).toBe(5);
    expect(shown.changesAt).toBe('2026-11-23T02:05:00.000Z');
    expect(shown.url.endsWith(`/book/?hall=main&door=${shown.code}`)).toBe(true);
    app.clock.advanceMinutes(5);
    expect((await doorCode()).code).not.toBe(shown.code);
  });

  it("only the hall's boards, kiosks and staff see it — not the public, a rating pad, or another hall", async () => {
    expectError(await app.http('GET', '/api/halls/main/door-code'), 401, 'UNAUTHORIZED');
    expectError(await app.http('GET', '/api/halls/main/door-code', { token: TOKENS.evaluator }), 403, 'FORBIDDEN');
    expectError(await app.http('GET', '/api/halls/main/door-code', { token: TOKENS.otherKiosk }), 403, 'FORBIDDEN');
    expect((await app.http('GET', '/api/halls/main/door-code', { token: TOKENS.kiosk })).status).toBe(200);
    expect((await app.http('GET', '/api/halls/main/door-code', { token: await app.login('wangfang') })).status).toBe(200);
  });

  it('without a code, with a wrong or an expired one the phone is refused and the booking stays; the current code checks in', async () => {
    const booked = await book(app, { start: bj('2026-11-23', '10:30') });
    const old = (await doorCode()).code;
    app.clock.advanceMinutes(10); // 10:10: two codes later
    expect(expectError(await checkIn(booked.code), 400, 'DOOR_CODE_REQUIRED')).toMatch(/^doorCode /);
    expect(expectError(await checkIn(booked.code, { doorCode: 'abc' }), 403, 'DOOR_CODE_WRONG')).toMatch(/^doorCode /);
    const current = (await doorCode()).code;
    const wrong = String((Number(current) + 1) % 1_000_000).padStart(6, '0');
    expectError(await checkIn(booked.code, { doorCode: wrong }), 403, 'DOOR_CODE_WRONG');
    expectError(await checkIn(booked.code, { doorCode: old }), 403, 'DOOR_CODE_EXPIRED');
    expect(await status(booked.code)).toBe('booked');

    const res = await checkIn(booked.code, { doorCode: current });
    expect(res.status, res.text).toBe(201);
    expect(res.body.ticket.number).toMatch(/^A\d{3}$/);
    expect(await status(booked.code)).toBe('checked_in');
  });

  it('a code read just before it changed is still accepted; one slot later it is not', async () => {
    const first = await book(app, { start: bj('2026-11-23', '10:30') });
    const second = await book(app, { start: bj('2026-11-23', '10:30'), phone: '13900005678' });
    app.clock.set(bj('2026-11-23', '10:04'));
    const read = (await doorCode()).code;
    app.clock.set(bj('2026-11-23', '10:09'));
    expect((await checkIn(first.code, { doorCode: read })).status).toBe(201);
    app.clock.set(bj('2026-11-23', '10:10'));
    expectError(await checkIn(second.code, { doorCode: read }), 403, 'DOOR_CODE_EXPIRED');
  });

  it('a kiosk checks in as before, with no code; a manager may lengthen the slots (1–60 minutes)', async () => {
    const booked = await book(app, { start: bj('2026-11-23', '10:30') });
    expect((await app.http('POST', `/api/appointments/${booked.code}/check-in`, { token: TOKENS.kiosk })).status).toBe(201);
    const manager = await app.login('manager');
    expect(
      expectError(await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { doorCodeMinutes: 0 } }), 400, 'VALIDATION'),
    ).toContain('doorCodeMinutes');
    expect((await app.http('PUT', '/api/halls/main/appointment-rules', { token: manager, body: { doorCodeMinutes: 15 } })).status).toBe(200);
    expect(await doorCode()).toMatchObject({ minutes: 15, changesAt: '2026-11-23T02:15:00.000Z' });
  });
});
