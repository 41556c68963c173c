import { describe, expect, it } from 'vitest';
import { reportDeviceHealth } from '../../../server/app/device-health.js';
import { useAlertHall } from './alert-hall.js';
import { at } from './scripted-day.js';

const h = useAlertHall();
const { check, active } = h;

describe('waiting alerts fire at 10 / 20 / 40 minutes and not before', () => {
  it('raises each mark exactly at its minute, once, and clears when the ticket is called', async () => {
    await h.d.issue('10:00', 'tax-reg');
    h.app.clock.set(at('10:00'));
    h.app.clock.advanceSeconds(9 * 60 + 59);
    expect((await h.app.http('POST', '/api/supervision/halls/main/alerts/check', { token: h.manager })).body.raised).toBe(0);
    expect(await check('10:10')).toEqual({ raised: 1, resolved: 0 });
    expect((await active()).map((a) => [a.kind, a.level])).toEqual([['wait', 1]]);
    expect(await check('10:15')).toEqual({ raised: 0, resolved: 0 });
    expect(await check('10:20')).toEqual({ raised: 1, resolved: 1 });
    expect(await check('10:39')).toEqual({ raised: 0, resolved: 0 });
    expect(await check('10:40')).toEqual({ raised: 1, resolved: 1 });
    const [alert] = await active();
    expect(alert).toMatchObject({ kind: 'wait', level: 3, message: 'A 税务登记：1 人等候超过 40 分钟，最长 40 分' });
    await h.d.step('10:41', 'POST', '/api/windows/w2/open', h.d.tokens.liqiang!);
    await h.d.step('10:41', 'POST', '/api/windows/w2/call-next', h.d.tokens.liqiang!);
    expect(await check('10:41')).toEqual({ raised: 0, resolved: 1 });
    expect(await active()).toEqual([]);
  });

  it("follows the hall's own marks when the h.manager changes them", async () => {
    const put = await h.app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: h.manager, body: { waitMinutes: [5, 15, 30] } });
    expect(put.status).toBe(200);
    await h.d.issue('10:00', 'tax-reg');
    expect((await check('10:04')).raised).toBe(0);
    expect((await check('10:05')).raised).toBe(1);
    const bad = await h.app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: h.manager, body: { waitMinutes: [20, 10, 30] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/waitMinutes/);
  });
});

describe('a check that finds the alerts as they were', () => {
  it("takes no write of the hall: it looks first, outside the hall's write, and writes only to raise or resolve", async () => {
    await h.d.issue('10:00', 'tax-reg');
    expect(await check('10:10')).toEqual({ raised: 1, resolved: 0 });
    // the report figures catch up with that alert's event here, in a write of their own
    expect(await check('10:12')).toEqual({ raised: 0, resolved: 0 });
    // the real store, its writes counted (on PostgreSQL each took the hall's lock for a dozen round trips)
    const store = h.app.server.ctx.store;
    const writeHall = store.writeHall.bind(store);
    const hallWrites: string[] = [];
    store.writeHall = ((hallId, fn, opts) => {
      hallWrites.push(hallId);
      return writeHall(hallId, fn, opts);
    }) as typeof store.writeHall;
    expect(await check('10:15')).toEqual({ raised: 0, resolved: 0 });
    expect(hallWrites.filter((id) => id === 'main')).toEqual([]);
    expect(await check('10:20')).toEqual({ raised: 1, resolved: 1 });
    expect(hallWrites.filter((id) => id === 'main')).toEqual(['main']);
    expect((await active()).map((a) => [a.kind, a.level])).toEqual([['wait', 2]]);
  });
});

describe('a busy morning: alerts per queue, every active one on the monitor', () => {
  it('30 tickets past the marks raise one alert per queue, and the monitor lists all active alerts, most serious first, with the tickets behind each', async () => {
    for (let i = 0; i < 25; i++) await h.d.issue(`09:${String(10 + i).padStart(2, '0')}`, 'tax-reg');
    for (let i = 0; i < 5; i++) await h.d.issue(`09:5${i}`, 'invoice');
    await check('10:05');
    const alerts = await active();
    expect(alerts.map((a) => [a.kind, a.subjectId, a.level]).sort()).toEqual([
      ['queue', 'tax-reg', 2],
      ['wait', 'invoice', 1],
      ['wait', 'tax-reg', 3],
    ]);
    for (let i = 0; i < 60; i++) {
      await reportDeviceHealth(h.app.server.ctx, {
        hallId: 'main',
        id: `led-${i}`,
        kind: 'led',
        status: 'offline',
        lastError: `no reply from device ${i} after 3 tries`,
      });
    }
    await check('10:06');
    const live = (await h.app.http('GET', '/api/supervision/halls/main/live', { token: h.manager })).body;
    const shown = live.alerts.filter((a: { resolvedAt: string | null }) => !a.resolvedAt);
    expect(shown).toHaveLength(63); // none dropped, though more than 50
    expect(shown[0]).toMatchObject({ kind: 'wait', level: 3, message: 'A 税务登记：17 人等候超过 40 分钟，最长 56 分' });
    expect(shown[0].tickets).toHaveLength(25);
    expect(shown[0].tickets[0]).toMatchObject({ number: 'A001', minutes: 56 });
    expect(shown.map((a: { level: number }) => a.level)).toEqual([...shown.map((a: { level: number }) => a.level)].sort((a, b) => b - a));
    expect(live.devices.find((d: { id: string }) => d.id === 'led-7')).toMatchObject({ name: '大屏 led-7', reason: '无应答：检查电源和485接线' });
  });
});

describe('queue, window, service-time and device alerts', () => {
  it('a long queue with too few windows open', async () => {
    await h.app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: h.manager, body: { queueLength: 3, minOpenWindows: 2 } });
    await h.d.step('10:00', 'POST', '/api/windows/w4/open', h.d.tokens.chenjing!);
    for (const m of ['10:00', '10:01', '10:02']) await h.d.issue(m, 'license');
    expect((await check('10:03')).raised).toBe(0);
    await h.d.issue('10:03', 'license');
    await check('10:04');
    expect((await active()).map((a) => a.kind)).toEqual(['queue']);
    await h.d.step('10:05', 'POST', '/api/windows/w1/open', h.d.tokens.wangfang!);
    expect((await check('10:05')).resolved).toBe(1);
  });

  it('a window paused too long, or idle, while its services have people waiting', async () => {
    await h.d.step('10:00', 'POST', '/api/windows/w4/open', h.d.tokens.chenjing!);
    await h.d.step('10:00', 'POST', '/api/windows/w4/pause', h.d.tokens.chenjing!, { reason: '临时离岗' });
    await h.d.step('10:00', 'POST', '/api/windows/w2/open', h.d.tokens.liqiang!);
    await h.d.issue('10:01', 'license');
    await h.d.issue('10:01', 'tax-reg');
    await check('10:04');
    expect((await active()).map((a) => a.kind)).toEqual([]);
    await check('10:05');
    expect((await active()).map((a) => a.kind)).toEqual(['window-idle']);
    await check('10:15');
    expect((await active()).map((a) => a.kind).sort()).toEqual(['wait', 'window-idle', 'window-paused', 'wait'].sort());
  });

  it('a service taking more than twice its norm', async () => {
    await h.d.step('10:00', 'POST', '/api/windows/w3/open', h.d.tokens.zhangmin!);
    await h.d.issue('10:00', 'invoice');
    await h.d.step('10:00', 'POST', '/api/windows/w3/call-next', h.d.tokens.zhangmin!);
    await h.d.step('10:00', 'POST', '/api/windows/w3/start', h.d.tokens.zhangmin!);
    expect((await check('10:09')).raised).toBe(0);
    await check('10:10');
    expect((await active()).map((a) => [a.kind, a.message])).toEqual([['service-time', '3号窗口 办理 B001 已 10 分钟（标准 5 分钟）']]);
  });

  it('a device going offline, and back', async () => {
    h.app.clock.set(at('10:00'));
    await reportDeviceHealth(h.app.server.ctx, { id: 'led-w1', hallId: 'main', kind: 'led', status: 'offline', lastError: 'no answer' });
    await check('10:00');
    expect((await active()).map((a) => a.subjectId)).toEqual(['led-w1']);
    await reportDeviceHealth(h.app.server.ctx, { id: 'led-w1', hallId: 'main', kind: 'led', status: 'online' });
    expect((await check('10:01')).resolved).toBe(1);
  });
});
