import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { at, scriptedDay } from './scripted-day.js';
import { testConfig } from '../../helpers/test-config.js';

const quiet = createSupervisionFeature({ checkIntervalMs: 3_600_000, debounceMs: 3_600_000 });
let app: TestApp;
let manager: string;
const Q = '/api/reports/summary?hallId=main&from=2026-11-23&to=2026-11-23';
const SERVICES_OF_TAX = new Set(['tax-reg', 'invoice']);

beforeAll(async () => {
  const config = testConfig();
  // a name a spreadsheet would run as a formula
  for (const s of config.staff) if (s.id === 's3') s.name = '=HYPERLINK("http://evil.example","张敏")';
  app = await buildTestApp({ features: [quiet], config });
  manager = (await scriptedDay(app)).managerToken!;
  app.clock.set(at('12:00'));
});
afterAll(async () => {
  await app.close();
});

/** the figures counted straight from the event log, filtered as the report is */
async function fromEventLog(keep: (e: HallEvent & { data: { staffId?: string; windowId?: string; serviceId?: string } }) => boolean) {
  const events = (await app.server.store.events.since('main', 0, 100_000)).filter((e) => keep(e as never));
  const count = (type: string) => events.filter((e) => e.type === type).length;
  return {
    served: count('ticket.finished'),
    noShow: count('ticket.skipped'),
    called: events.filter((e) => e.type === 'ticket.called' && !(e.data as { recall?: boolean }).recall).length,
  };
}

describe('a filtered report: every figure filtered the same way, or labelled hall-wide', () => {
  it("by staff member: served, called and no-shows equal the event log's for that person; issued is labelled hall-wide; only the services they served", async () => {
    for (const staffId of ['s1', 's3']) {
      const { body } = await app.http('GET', `${Q}&staffId=${staffId}`, { token: manager });
      expect(body.totals).toMatchObject(await fromEventLog((e) => e.data.staffId === staffId));
      expect(body.scope.hallWide).toEqual(expect.arrayContaining(['issued', 'cancelled', 'daily', 'heatmap']));
      for (const s of body.services) expect(s.called + s.served + s.noShow, s.serviceId).toBeGreaterThan(0);
      expect(body.staff.map((r: { staffId: string }) => r.staffId)).toEqual([staffId]);
    }
  });

  it('by department: figures of its services only; window time is left out (null), not 0', async () => {
    const { body } = await app.http('GET', `${Q}&departmentId=tax`, { token: manager });
    expect(body.totals).toMatchObject(await fromEventLog((e) => SERVICES_OF_TAX.has(e.data.serviceId ?? '')));
    expect(body.totals).toMatchObject({ openMinutes: null, pausedMinutes: null, idleMinutes: null });
    expect(body.scope).toEqual({ hallWide: [], notApplicable: ['openMinutes', 'pausedMinutes', 'idleMinutes'] });
    expect(body.services.map((s: { serviceId: string }) => s.serviceId).sort()).toEqual(['invoice', 'tax-reg']);
  });

  it('unfiltered: nothing is labelled', async () => {
    const { body } = await app.http('GET', Q, { token: manager });
    expect(body.scope).toEqual({ hallWide: [], notApplicable: [] });
    expect(body.totals).toMatchObject(await fromEventLog(() => true));
  });
});

describe('exports a manager can read', () => {
  it('CSV: a cell that would run as a formula is shown as text', async () => {
    const res = await app.http('GET', `${Q}&format=csv&table=staff`, { token: manager });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""张敏"")"`);
    expect(res.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('xlsx: formula text neutralised, header frozen with filters, columns sized; 差评整改 in local time with names', async () => {
    const res = await fetch(`${app.url}${Q}&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const staff = wb.getWorksheet('人员')!;
    const names = staff.getColumn(2).values.filter(Boolean).map(String);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","张敏")`);
    staff.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, ws.name).toBeTruthy();
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThanOrEqual(6);
    }
    const bad = wb.getWorksheet('差评整改')!;
    const header = (bad.getRow(1).values as unknown[]).slice(1);
    const row = Object.fromEntries((bad.getRow(2).values as unknown[]).slice(1).map((v, i) => [header[i] as string, v]));
    expect(row).toMatchObject({ 号码: 'A002', 评价: '非常不满意', 窗口: '3号窗口', 事项: '发票领用' }); // A002 was transferred to 发票领用
    expect(String(row['工作人员'])).toContain('HYPERLINK'); // 张敏, renamed above
    expect(String(row['评价时间'])).toMatch(/^2026-11-23 1[01]:\d\d$/);
  });
});
