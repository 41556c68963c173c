import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { at, scriptedDay } from './scripted-day.js';

const quiet = createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 });
let app: TestApp;
let ids: Record<string, string>;
let manager: string;
const Q = '/api/reports/summary?hallId=main&from=2026-11-23&to=2026-11-23';

beforeAll(async () => {
  app = await buildTestApp({ features: [quiet] });
  ids = await scriptedDay(app);
  manager = ids.managerToken!;
  app.clock.set(at('12:00'));
});
afterAll(async () => {
  await app.close();
});

describe('a scripted day gives exactly the expected report', () => {
  it('totals: volumes, waits, service and walk times, ratings', async () => {
    const res = await app.http('GET', Q, { token: manager });
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({
      issued: 5,
      cancelled: 1,
      appointmentsKept: 0,
      appointmentsMissed: 0,
      called: 5,
      served: 3,
      noShow: 1,
      transferred: 1,
      waitMinutes: { mean: 18, p50: 15, p90: 29, max: 29 },
      waitOverShare: [75, 25, 0],
      serviceMinutes: { mean: 8.3, p90: 12 },
      walkMinutes: { mean: 0.8, p90: 1 },
      openMinutes: 120,
      pausedMinutes: 10,
      idleMinutes: 77,
      evaluations: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 },
      satisfactionRate: 66.7,
      badReviews: 1,
    });
  });

  it('per window and staff: who served, waited, paused and idled how long', async () => {
    const { body } = await app.http('GET', Q, { token: manager });
    const [w1, w3] = body.windows;
    expect(body.windows).toHaveLength(2);
    expect(w1).toMatchObject({
      windowId: 'w1',
      staffId: 's1',
      staffName: '王芳',
      called: 3,
      served: 2,
      noShow: 0,
      transferred: 1,
      waitMinutes: { mean: 19, p50: 18, p90: 29, max: 29 },
      waitOverShare: [66.7, 33.3, 0],
      serviceMinutes: { mean: 10, p90: 12 },
      walkMinutes: { mean: 0.7, p90: 1 },
      openMinutes: 60,
      pausedMinutes: 10,
      idleMinutes: 25,
      evaluations: { 4: 1, 5: 1 },
      satisfactionRate: 100,
    });
    expect(w3).toMatchObject({
      windowId: 'w3',
      staffId: 's3',
      staffName: '张敏',
      called: 2,
      served: 1,
      noShow: 1,
      transferred: 0,
      waitMinutes: { mean: 15, p50: 15, p90: 15, max: 15 },
      waitOverShare: [100, 0, 0],
      serviceMinutes: { mean: 5, p90: 5 },
      walkMinutes: { mean: 1, p90: 1 },
      openMinutes: 60,
      pausedMinutes: 0,
      idleMinutes: 52,
      evaluations: { 1: 1 },
      satisfactionRate: 0,
      badReviews: 1,
    });
  });

  it('per service, and filtered by department, service, window and staff', async () => {
    const { body } = await app.http('GET', Q, { token: manager });
    const by = Object.fromEntries(body.services.map((s: any) => [s.serviceId, s]));
    expect(by['tax-reg']).toMatchObject({ issued: 3, cancelled: 1, called: 2, served: 1, transferred: 1 });
    expect(by.invoice).toMatchObject({ issued: 1, called: 2, served: 1, noShow: 1 });
    expect(by.license).toMatchObject({ issued: 1, called: 1, served: 1, waitMinutes: { p50: 29 } });
    const market = await app.http('GET', `${Q}&departmentId=market`, { token: manager });
    expect(market.body.totals).toMatchObject({ issued: 1, called: 1, served: 1 });
    const staff = await app.http('GET', `${Q}&staffId=s3`, { token: manager });
    expect(staff.body.totals).toMatchObject({ called: 2, served: 1, noShow: 1, openMinutes: 60 });
    expect(staff.body.windows.map((r: any) => r.windowId)).toEqual(['w3']);
    const window = await app.http('GET', `${Q}&windowId=w1&serviceId=license`, { token: manager });
    expect(window.body.totals).toMatchObject({ called: 1, served: 1, serviceMinutes: { mean: 12 } });
  });

  it('staff scores explain every point, and the weights can be edited', async () => {
    const { body } = await app.http('GET', Q, { token: manager });
    const wang = body.staff.find((s: any) => s.staffId === 's1');
    expect(wang.score.parts.map((p: any) => p.criterion)).toEqual(['volume', 'wait', 'efficiency', 'rating', 'badReviews', 'pause', 'noShow']);
    // 2 tickets served: too few to rank (数据不足), though each criterion that can be judged is shown
    expect(wang.score).toMatchObject({ total: null, ranked: false });
    expect(wang.score.parts.find((p: any) => p.criterion === 'rating')).toMatchObject({ points: null }); // 2 ratings: too few
    expect(wang.score.parts.find((p: any) => p.criterion === 'badReviews')).toMatchObject({ points: 10 });
    const bad = await app.http('PUT', '/api/supervision/halls/main/score-weights', {
      token: manager,
      body: { volume: 50, wait: 50, efficiency: 10, rating: 0, badReviews: 0, pause: 0, noShow: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/100/);
    const ok = await app.http('PUT', '/api/supervision/halls/main/score-weights', {
      token: manager,
      body: { volume: 0, wait: 0, efficiency: 0, rating: 0, badReviews: 100, pause: 0, noShow: 0 },
    });
    expect(ok.status).toBe(200);
    const again = await app.http('GET', Q, { token: manager });
    const scores = Object.fromEntries(again.body.staff.map((s: any) => [s.staffId, s.score.parts.find((p: any) => p.criterion === 'badReviews').points]));
    expect(scores).toEqual({ s1: 100, s3: 75 });
    const audit = await app.http('GET', '/api/supervision/halls/main/audit?from=2026-11-23&to=2026-11-23', { token: manager });
    expect(audit.body.map((a: any) => a.action)).toContain('config-score-weights');
  });

  it('bad reviews open a follow-up with working-day deadlines', async () => {
    const { body } = await app.http('GET', Q, { token: manager });
    expect(body.badReviews).toEqual([
      expect.objectContaining({
        ticketId: ids.A002,
        number: 'A002',
        level: 1,
        windowId: 'w3',
        staffId: 's3',
        callbackDue: '2026-11-24',
        rectifyDue: '2026-12-14',
        status: 'open',
        overdue: false,
        comment: '等了四十分钟',
        windowName: '3号窗口',
        staffName: '张敏',
      }),
    ]);
  });

  it('per-hour heatmap and daily series', async () => {
    const { body } = await app.http('GET', Q, { token: manager });
    expect(body.heatmap.issued[0][10]).toBe(5);
    expect(body.heatmap.served[0][10]).toBe(3);
    expect(body.daily).toEqual([{ day: '2026-11-23', issued: 5, served: 3 }]);
  });

  it('CSV: BOM, Chinese headers, one line per window and staff', async () => {
    const res = await fetch(`${app.url}${Q}&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]!.slice(0, 8)).toEqual(['窗口号', '窗口', '工作人员', '叫号数', '办结数', '过号数', '转办数', '平均等候(分)']);
    expect(lines[0]).toContain('等候超10分钟占比(%)');
    expect(lines.slice(1).map((l) => l.slice(0, 12))).toEqual([
      ['1', '1号窗口', '王芳', '3', '2', '0', '1', '19', '18', '29', '29', '66.7'],
      ['3', '3号窗口', '张敏', '2', '1', '1', '0', '15', '15', '15', '15', '100'],
    ]);
    const staff = await app.http('GET', `${Q}&format=csv&table=staff`, { token: manager });
    expect(staff.text.split('\r\n')[0]).toMatch(/^工号,姓名,叫号数/);
  });

  it('xlsx: every sheet with Chinese headers, read back with exceljs', async () => {
    const res = await fetch(`${app.url}${Q}&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总览', '窗口', '人员', '事项', '差评整改', '分时热力']);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const summary = Object.fromEntries(rows('总览').slice(1) as [string, unknown][]);
    expect(summary).toMatchObject({ 取号数: 5, 办结数: 3, 过号数: 1, 转办数: 1, 取消数: 1, '等候中位数(分)': 15, '等候P90(分)': 29, '满意率(%)': 66.7 });
    const windows = rows('窗口');
    expect(windows[0]!.slice(0, 7)).toEqual(['窗口号', '窗口', '工作人员', '叫号数', '办结数', '过号数', '转办数']);
    expect(windows.slice(1).map((r) => r.slice(0, 7))).toEqual([
      [1, '1号窗口', '王芳', 3, 2, 0, 1],
      [3, '3号窗口', '张敏', 2, 1, 1, 0],
    ]);
    expect(rows('差评整改')[1]!.slice(0, 5)).toEqual(['A002', '非常不满意', '发票领用', '3号窗口', '张敏']);
    expect(rows('差评整改')[1]!.slice(7, 9)).toEqual(['2026-11-23 10:41', '2026-11-24']);
  });

  it('refuses bad input naming the field, and non-managers', async () => {
    const bad = await app.http('GET', '/api/reports/summary?hallId=main&from=2026-11-24&to=2026-11-23', { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from/);
    const badDate = await app.http('GET', '/api/reports/summary?hallId=main&from=23.11.2026&to=2026-11-23', { token: manager });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(/from/);
    const unknown = await app.http('GET', `${Q}&windowId=nope`, { token: manager });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/windowId/);
    const staff = await app.login('wangfang');
    expect((await app.http('GET', Q, { token: staff })).status).toBe(403);
  });

  it('survives a restart: aggregates are durable and counted once', async () => {
    await app.restart();
    const res = await app.http('GET', Q, { token: manager });
    expect(res.body.totals).toMatchObject({ issued: 5, called: 5, served: 3, openMinutes: 120 });
  });
});
