import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { at, daySteps, type DaySteps } from './scripted-day.js';

let app: TestApp;
let d: DaySteps;
let manager: string;

beforeEach(async () => {
  app = await buildTestApp({ features: [createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 })] });
  d = await daySteps(app);
  manager = d.tokens.manager!;
});
afterEach(async () => {
  await app.close();
});

describe('the live monitor', () => {
  it("shows windows, queues and today's totals, for managers and display devices only", async () => {
    await d.step('10:00', 'POST', '/api/windows/w1/open', d.tokens.wangfang!);
    await d.issue('10:00', 'tax-reg');
    await d.issue('10:01', 'tax-reg');
    await d.step('10:05', 'POST', '/api/windows/w1/call-next', d.tokens.wangfang!);
    app.clock.set(at('10:08'));
    const live = await app.http('GET', '/api/supervision/halls/main/live', { token: TOKENS.display });
    expect(live.status).toBe(200);
    expect(live.body.windows.find((w: any) => w.id === 'w1')).toMatchObject({
      status: 'open',
      staffName: '王芳',
      current: { number: 'A001', status: 'called', minutes: 3 },
    });
    expect(live.body.services.find((s: any) => s.id === 'tax-reg')).toMatchObject({
      waiting: 1,
      longestWaitMinutes: 7,
      windowNumbers: [1, 2],
      openWindowNumbers: [1],
    });
    expect(live.body.totals).toMatchObject({ issued: 2, waiting: 1, served: 0, meanWaitMinutes: 5 });
    expect(live.body.chart.labels).toContain('10:00');
    expect(live.body.chart.waitingToday[live.body.chart.labels.indexOf('10:00')]).toBe(1);
    expect((await app.http('GET', '/api/supervision/halls/main/live', { token: d.tokens.wangfang })).status).toBe(403);
    expect((await app.http('GET', '/api/supervision/halls/main/live', { token: TOKENS.kiosk })).status).toBe(403);
    expect((await app.http('GET', '/api/supervision/halls/branch/live', { token: manager })).status).toBe(403);
  });

  it('compares today with the same weekday of past weeks', async () => {
    app.clock.set(at('10:00', '2026-11-16'));
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } });
    await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } });
    app.clock.set(at('10:00'));
    manager = await app.login('manager');
    const live = await app.http('GET', '/api/supervision/halls/main/live', { token: manager });
    const i = live.body.chart.labels.indexOf('10:00');
    expect(live.body.chart.weeksAveraged).toBe(1);
    expect(live.body.chart.waitingAverage[i]).toBe(2);
  });

  it('pushes alerts live over socket.io', async () => {
    const socket = app.socket(manager);
    const events: HallEvent[] = [];
    socket.on('event', (e) => events.push(e));
    await new Promise<void>((resolve) => socket.emit('subscribe', { hallId: 'main' }, () => resolve()));
    await d.issue('10:00', 'tax-reg');
    app.clock.set(at('10:10'));
    await app.http('POST', '/api/supervision/halls/main/alerts/check', { token: manager });
    await expect.poll(() => events.map((e) => e.type)).toContain('alert.raised');
    const raised = events.find((e) => e.type === 'alert.raised')!;
    expect(raised.data).toMatchObject({ kind: 'wait', level: 1, message: 'A 税务登记：1 人等候超过 10 分钟，最长 10 分' });
  });
});

describe('auto-balance', () => {
  it("suggests adding a long queue's service to an idle window, and applies it with one click (audited)", async () => {
    await d.step('10:00', 'POST', '/api/windows/w3/open', d.tokens.zhangmin!);
    for (let i = 0; i < 8; i++) await d.issue(`10:0${i}`, 'license');
    app.clock.set(at('10:09'));
    const live = await app.http('GET', '/api/supervision/halls/main/live', { token: manager });
    expect(live.body.suggestions).toEqual([{ serviceId: 'license', serviceName: '营业执照', windowId: 'w3', windowNumber: 3, waiting: 8 }]);
    const applied = await app.http('POST', '/api/supervision/halls/main/balance', { token: manager, body: { windowId: 'w3', serviceId: 'license' } });
    expect(applied.status).toBe(200);
    expect(applied.body.serviceIds).toEqual(['invoice', 'license']);
    const called = await d.step('10:10', 'POST', '/api/windows/w3/call-next', d.tokens.zhangmin!);
    expect(called.ticket?.number ?? called.number).toBe('C001');
    expect((await app.http('GET', '/api/supervision/halls/main/live', { token: manager })).body.suggestions).toEqual([]);
    const audit = await app.http('GET', '/api/supervision/halls/main/audit?from=2026-11-23&to=2026-11-23', { token: manager });
    expect(audit.body[0]).toMatchObject({
      action: 'balance-add-service',
      entityId: 'w3',
      before: { serviceIds: ['invoice'] },
      after: { serviceIds: ['invoice', 'license'] },
    });
    const again = await app.http('POST', '/api/supervision/halls/main/balance', { token: manager, body: { windowId: 'w3', serviceId: 'license' } });
    expect(again.status).toBe(409);
    expect(
      (await app.http('POST', '/api/supervision/halls/main/balance', { token: d.tokens.zhangmin, body: { windowId: 'w3', serviceId: 'tax-reg' } })).status,
    ).toBe(403);
  });
});
