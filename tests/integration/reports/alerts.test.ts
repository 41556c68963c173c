import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportDeviceHealth } from '../../../server/app/device-health.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { at, daySteps, type DaySteps } from './scripted-day.js';

const quiet = createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 });
let app: TestApp;
let d: DaySteps;
let manager: string;

beforeEach(async () => {
  app = await buildTestApp({ features: [quiet] });
  d = await daySteps(app);
  manager = d.tokens.manager!;
});
afterEach(async () => { await app.close(); });

const check = async (hhmm: string, day?: string) => {
  app.clock.set(at(hhmm, day));
  if (day) manager = await app.login('manager'); // sessions last 12 hours
  const res = await app.http('POST', '/api/supervision/halls/main/alerts/check', { token: manager });
  expect(res.status).toBe(200);
  return res.body as { raised: number; resolved: number };
};
const active = async () => {
  const live = await app.http('GET', '/api/supervision/halls/main/live', { token: manager });
  return (live.body.alerts as any[]).filter((a) => !a.resolvedAt);
};

describe('waiting alerts fire at 10 / 20 / 40 minutes and not before', () => {
  it('raises each mark exactly at its minute, once, and clears when the ticket is called', async () => {
    await d.issue('10:00', 'tax-reg');
    app.clock.set(at('10:00'));
    app.clock.advanceSeconds(9 * 60 + 59);
    expect((await app.http('POST', '/api/supervision/halls/main/alerts/check', { token: manager })).body.raised).toBe(0);
    expect(await check('10:10')).toEqual({ raised: 1, resolved: 0 });
    expect((await active()).map((a) => [a.kind, a.level])).toEqual([['wait', 1]]);
    expect(await check('10:15')).toEqual({ raised: 0, resolved: 0 });
    expect(await check('10:20')).toEqual({ raised: 1, resolved: 1 });
    expect(await check('10:39')).toEqual({ raised: 0, resolved: 0 });
    expect(await check('10:40')).toEqual({ raised: 1, resolved: 1 });
    const [alert] = await active();
    expect(alert).toMatchObject({ kind: 'wait', level: 3, message: expect.stringContaining('A001 已等候 40 分钟') });
    await d.step('10:41', 'POST', '/api/windows/w2/open', d.tokens.liqiang!);
    await d.step('10:41', 'POST', '/api/windows/w2/call-next', d.tokens.liqiang!);
    expect(await check('10:41')).toEqual({ raised: 0, resolved: 1 });
    expect(await active()).toEqual([]);
  });

  it('follows the hall\'s own marks when the manager changes them', async () => {
    const put = await app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: manager, body: { waitMinutes: [5, 15, 30] } });
    expect(put.status).toBe(200);
    await d.issue('10:00', 'tax-reg');
    expect((await check('10:04')).raised).toBe(0);
    expect((await check('10:05')).raised).toBe(1);
    const bad = await app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: manager, body: { waitMinutes: [20, 10, 30] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/waitMinutes/);
  });
});

describe('queue, window, service-time and device alerts', () => {
  it('a long queue with too few windows open', async () => {
    await app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: manager, body: { queueLength: 3, minOpenWindows: 2 } });
    await d.step('10:00', 'POST', '/api/windows/w4/open', d.tokens.chenjing!);
    for (const m of ['10:00', '10:01', '10:02']) await d.issue(m, 'license');
    expect((await check('10:03')).raised).toBe(0);
    await d.issue('10:03', 'license');
    await check('10:04');
    expect((await active()).map((a) => a.kind)).toEqual(['queue']);
    await d.step('10:05', 'POST', '/api/windows/w1/open', d.tokens.wangfang!);
    expect((await check('10:05')).resolved).toBe(1);
  });

  it('a window paused too long, or idle, while its services have people waiting', async () => {
    await d.step('10:00', 'POST', '/api/windows/w4/open', d.tokens.chenjing!);
    await d.step('10:00', 'POST', '/api/windows/w4/pause', d.tokens.chenjing!, { reason: '临时离岗' });
    await d.step('10:00', 'POST', '/api/windows/w2/open', d.tokens.liqiang!);
    await d.issue('10:01', 'license');
    await d.issue('10:01', 'tax-reg');
    await check('10:04');
    expect((await active()).map((a) => a.kind)).toEqual([]);
    await check('10:05');
    expect((await active()).map((a) => a.kind)).toEqual(['window-idle']);
    await check('10:15');
    expect((await active()).map((a) => a.kind).sort()).toEqual(['wait', 'window-idle', 'window-paused', 'wait'].sort());
  });

  it('a service taking more than twice its norm', async () => {
    await d.step('10:00', 'POST', '/api/windows/w3/open', d.tokens.zhangmin!);
    await d.issue('10:00', 'invoice');
    await d.step('10:00', 'POST', '/api/windows/w3/call-next', d.tokens.zhangmin!);
    await d.step('10:00', 'POST', '/api/windows/w3/start', d.tokens.zhangmin!);
    expect((await check('10:09')).raised).toBe(0);
    await check('10:10');
    expect((await active()).map((a) => [a.kind, a.message])).toEqual([['service-time', '3号窗口 办理 B001 已 10 分钟（标准 5 分钟）']]);
  });

  it('a device going offline, and back', async () => {
    app.clock.set(at('10:00'));
    reportDeviceHealth(app.server.ctx, { id: 'led-w1', hallId: 'main', kind: 'led', status: 'offline', lastError: 'no answer' });
    await check('10:00');
    expect((await active()).map((a) => a.subjectId)).toEqual(['led-w1']);
    reportDeviceHealth(app.server.ctx, { id: 'led-w1', hallId: 'main', kind: 'led', status: 'online' });
    expect((await check('10:01')).resolved).toBe(1);
  });
});
