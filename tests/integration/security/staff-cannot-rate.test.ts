import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { act, expectError, issue } from '../http/hall-steps.js';
import { appointmentsApp, bj, bookOnline } from '../appointments/steps.js';

let app: TestApp;
beforeEach(async () => ({ app } = await appointmentsApp()));
afterEach(() => app.close());

async function finishedAt(windowId: string, token: string) {
  const t = await issue(app, windowId === 'w3' ? 'invoice' : 'tax-reg');
  for (const step of ['open', 'call-next', 'start', 'finish']) await act(app, token, windowId, step);
  return t;
}

const rate = (ticketId: string, token: string, body: object) => app.http('POST', `/api/tickets/${ticketId}/evaluation`, { token, body });

describe('only the visitor rates', () => {
  it("staff rating their own finished ticket, or a colleague's, are refused and the visitor can still rate it", async () => {
    const wangfang = await app.login('wangfang');
    const zhangmin = await app.login('zhangmin');
    const t = await finishedAt('w1', wangfang);
    expectError(await rate(t.id, wangfang, { level: 5 }), 403, 'FORBIDDEN');
    expectError(await rate(t.id, zhangmin, { level: 1 }), 403, 'FORBIDDEN');
    expectError(await rate(t.id, await app.login('manager'), { level: 1 }), 403, 'FORBIDDEN');
    const visitor = await app.http('POST', `/api/tickets/${t.id}/evaluation?token=${t.statusToken}`, { body: { level: 4 } });
    expect(visitor.status).toBe(201);
    expect(visitor.body.source).toBe('visitor');
  });

  it("a 电话回访 is recorded under the colleague's name, never by the window's own staff (A岗 or B岗)", async () => {
    const wangfang = await app.login('wangfang');
    const t = await finishedAt('w1', wangfang);
    // liqiang is the B岗 substitute of w1
    expectError(await rate(t.id, await app.login('liqiang'), { level: 5, phoneCallback: true }), 403, 'FORBIDDEN');
    expectError(await rate(t.id, wangfang, { level: 5, phoneCallback: true }), 403, 'FORBIDDEN');
    const callback = await rate(t.id, await app.login('zhangmin'), { level: 3, phoneCallback: true });
    expect(callback.status).toBe(201);
    expect(callback.body.source).toBe('电话回访:张敏:staff:s3');
  });

  it('the evaluator pad rates only at its own window; a kiosk or display never', async () => {
    const zhangmin = await app.login('zhangmin');
    const t = await finishedAt('w3', zhangmin);
    expectError(await rate(t.id, TOKENS.evaluator, { level: 5 }), 403, 'FORBIDDEN'); // the pad of w1
    expectError(await rate(t.id, TOKENS.display, { level: 5 }), 403, 'FORBIDDEN');
  });
});

describe('window staff see no appointment codes they do not need', () => {
  it("the day's list gives window staff neither codes nor full phones, except for the bookings they took themselves", async () => {
    const online = await bookOnline(app, { serviceId: 'tax-reg', start: bj('2026-11-23', '14:00'), name: '访客', phone: '13812345678' });
    const wangfang = await app.login('wangfang');
    const taken = await app.http('POST', '/api/appointments', {
      token: wangfang,
      body: { serviceId: 'tax-reg', start: bj('2026-11-23', '14:30'), name: '电话', phone: '13700000000', channel: 'phone' },
    });
    expect(taken.status).toBe(201);
    expect(taken.body.code).toMatch(/^[A-Z2-9]{8,}$/);
    const list = (await app.http('GET', '/api/halls/main/appointments?date=2026-11-23', { token: wangfang })).body as {
      id: string;
      code?: string;
      phone: string;
    }[];
    const other = list.find((a) => a.id === online.body.id)!;
    expect(other.code).toBeUndefined();
    expect(other.phone).toBe('138****5678');
    expect(list.find((a) => a.id === taken.body.id)!.code).toBe(taken.body.code);
    const managerList = (await app.http('GET', '/api/halls/main/appointments?date=2026-11-23', { token: await app.login('manager') })).body as {
      id: string;
      code?: string;
    }[];
    expect(managerList.find((a) => a.id === online.body.id)!.code).toBe(online.body.code);
  });
});
