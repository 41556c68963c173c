import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { at, scriptedDay } from './scripted-day.js';

let app: TestApp;
let manager: string;

/** the scripted Monday, then on Tuesday one ticket served at window 1 (8 minutes) */
beforeAll(async () => {
  app = await buildTestApp({ features: [createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 })] });
  await scriptedDay(app);
  app.clock.set(at('08:55', '2026-11-24'));
  const wangfang = await app.login('wangfang');
  const step = async (hhmm: string, path: string, token = wangfang, body?: unknown) => {
    app.clock.set(at(hhmm, '2026-11-24'));
    const res = await app.http('POST', path, { token, ...(body ? { body } : {}) });
    expect(res.status, `${hhmm} ${path}: ${res.text}`).toBeLessThan(300);
  };
  await step('09:00', '/api/windows/w1/open');
  await step('09:01', '/api/tickets', TOKENS.kiosk, { serviceId: 'tax-reg' });
  await step('09:05', '/api/windows/w1/call-next');
  await step('09:06', '/api/windows/w1/start');
  await step('09:14', '/api/windows/w1/finish');
  await step('09:30', '/api/windows/w1/close');
  app.clock.set(at('12:00', '2026-11-24'));
  manager = await app.login('manager');
});
afterAll(async () => {
  await app.close();
});

async function workbook(from: string, to: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${app.url}/api/reports/summary?hallId=main&from=${from}&to=${to}&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

const rows = (wb: ExcelJS.Workbook, name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));

describe('the xlsx export over several days or months', () => {
  it("has a sheet per day, each with that day's windows and total, tidy like the others", async () => {
    const wb = await workbook('2026-11-22', '2026-11-24');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总览', '窗口', '人员', '事项', '差评整改', '分时热力', '2026-11-22', '2026-11-23', '2026-11-24']);
    const sunday = rows(wb, '2026-11-22');
    expect(sunday).toHaveLength(2);
    expect(sunday[1]!.slice(0, 5)).toEqual(['合计', '', '', 0, 0]);
    const monday = rows(wb, '2026-11-23');
    expect(monday.map((r) => r.slice(0, 5))).toEqual([
      ['窗口号', '窗口', '工作人员', '叫号数', '办结数'],
      [1, '1号窗口', '王芳', 3, 2],
      [3, '3号窗口', '张敏', 2, 1],
      ['合计', '', '', 5, 3],
    ]);
    const tuesday = rows(wb, '2026-11-24');
    expect(tuesday.map((r) => r.slice(0, 5))).toEqual([
      ['窗口号', '窗口', '工作人员', '叫号数', '办结数'],
      [1, '1号窗口', '王芳', 1, 1],
      ['合计', '', '', 1, 1],
    ]);
    const serviceMean = (tuesday[0] as string[]).indexOf('平均办理(分)');
    expect(tuesday[1]![serviceMean]).toBe(8);
    expect(
      rows(wb, '窗口')
        .find((r) => r[0] === 1)!
        .slice(3, 5),
    ).toEqual([4, 3]);
    const ws = wb.getWorksheet('2026-11-23')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(10); // 工作人员: four CJK characters and a margin
  });

  it('has a sheet per month once the range is longer than a month', async () => {
    const wb = await workbook('2026-10-15', '2026-12-31');
    expect(wb.worksheets.map((w) => w.name).slice(6)).toEqual(['2026年10月', '2026年11月', '2026年12月']);
    expect(rows(wb, '2026年11月').at(-1)!.slice(0, 5)).toEqual(['合计', '', '', 6, 4]);
    expect(rows(wb, '2026年10月').at(-1)!.slice(0, 5)).toEqual(['合计', '', '', 0, 0]);
  });

  it('a one-day export keeps its six sheets', async () => {
    expect((await workbook('2026-11-24', '2026-11-24')).worksheets).toHaveLength(6);
  });
});
