import ExcelJS from 'exceljs';
import { EVALUATION_LEVELS } from '../domain/evaluation.js';
import type { SupervisionReport } from './report.js';
import type { Figures } from './tally.js';

interface Column<R> { header: string; value: (r: R) => string | number | null }
export type ReportTable = 'windows' | 'staff' | 'services';

const STATUS_ZH: Record<string, string> = { open: '待回访', 'called-back': '已回访待整改', rectified: '已整改' };

function figureColumns(marks: readonly number[]): Column<Figures>[] {
  return [
    { header: '叫号数', value: (r) => r.called }, { header: '办结数', value: (r) => r.served },
    { header: '过号数', value: (r) => r.noShow }, { header: '转办数', value: (r) => r.transferred },
    { header: '平均等候(分)', value: (r) => r.waitMinutes.mean }, { header: '等候中位数(分)', value: (r) => r.waitMinutes.p50 },
    { header: '等候P90(分)', value: (r) => r.waitMinutes.p90 }, { header: '最长等候(分)', value: (r) => r.waitMinutes.max },
    ...marks.map((m, i) => ({ header: `等候超${m}分钟占比(%)`, value: (r: Figures) => r.waitOverShare[i] ?? null })),
    { header: '平均办理(分)', value: (r) => r.serviceMinutes.mean }, { header: '办理P90(分)', value: (r) => r.serviceMinutes.p90 },
    { header: '平均到窗(分)', value: (r) => r.walkMinutes.mean }, { header: '在岗(分)', value: (r) => r.openMinutes },
    { header: '暂停(分)', value: (r) => r.pausedMinutes }, { header: '空闲(分)', value: (r) => r.idleMinutes },
    ...([5, 4, 3, 2, 1] as const).map((l) => ({ header: EVALUATION_LEVELS[l].zh, value: (r: Figures) => r.evaluations[l] })),
    { header: '满意率(%)', value: (r) => r.satisfactionRate },
  ];
}

type WindowRow = SupervisionReport['windows'][number];
type StaffRow = SupervisionReport['staff'][number];
type ServiceRow = SupervisionReport['services'][number];

function tables(report: SupervisionReport) {
  const fig = figureColumns(report.waitMarks);
  const windows: Column<WindowRow>[] = [
    { header: '窗口号', value: (r) => r.windowNumber }, { header: '窗口', value: (r) => r.windowName },
    { header: '工作人员', value: (r) => r.staffName ?? '' }, ...(fig as Column<WindowRow>[]),
  ];
  const staff: Column<StaffRow>[] = [
    { header: '工号', value: (r) => r.employeeNo }, { header: '姓名', value: (r) => r.staffName }, ...(fig as Column<StaffRow>[]),
    { header: '考核得分', value: (r) => r.score.total },
  ];
  const services: Column<ServiceRow>[] = [
    { header: '事项', value: (r) => r.serviceName }, { header: '取号数', value: (r) => r.issued },
    { header: '取消数', value: (r) => r.cancelled }, ...(fig as Column<ServiceRow>[]),
  ];
  return {
    windows: { title: '窗口', columns: windows as Column<unknown>[], rows: report.windows as unknown[] },
    staff: { title: '人员', columns: staff as Column<unknown>[], rows: report.staff as unknown[] },
    services: { title: '事项', columns: services as Column<unknown>[], rows: report.services as unknown[] },
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One table as CSV: Chinese headers, a BOM so that Excel opens it as UTF-8, CRLF lines. */
export function reportCsv(report: SupervisionReport, table: ReportTable = 'windows'): string {
  const t = tables(report)[table];
  const lines = [t.columns.map((c) => csvCell(c.header)).join(','), ...t.rows.map((r) => t.columns.map((c) => csvCell(c.value(r))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function summaryRows(report: SupervisionReport): [string, string | number | null][] {
  const t = report.totals;
  return [
    ['大厅', report.hallName], ['起始日期', report.from], ['结束日期', report.to],
    ['取号数', t.issued], ['叫号数', t.called], ['办结数', t.served], ['过号数', t.noShow], ['转办数', t.transferred], ['取消数', t.cancelled],
    ['预约到场', t.appointmentsKept], ['预约爽约', t.appointmentsMissed],
    ['等候中位数(分)', t.waitMinutes.p50], ['等候P90(分)', t.waitMinutes.p90], ['最长等候(分)', t.waitMinutes.max],
    ...report.waitMarks.map((m, i) => [`等候超${m}分钟占比(%)`, t.waitOverShare[i] ?? null] as [string, number | null]),
    ['平均办理(分)', t.serviceMinutes.mean], ['办理P90(分)', t.serviceMinutes.p90], ['平均到窗(分)', t.walkMinutes.mean],
    ['满意率(%)', t.satisfactionRate], ['差评数', t.badReviews],
  ];
}

/** The whole report as an Excel workbook: 总览, 窗口, 人员, 事项, 差评整改, 分时热力. */
export async function reportXlsx(report: SupervisionReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hall Queue';
  const summary = wb.addWorksheet('总览');
  summary.addRow(['指标', '数值']);
  for (const r of summaryRows(report)) summary.addRow(r);
  for (const t of Object.values(tables(report))) {
    const ws = wb.addWorksheet(t.title);
    ws.addRow(t.columns.map((c) => c.header));
    for (const r of t.rows) ws.addRow(t.columns.map((c) => c.value(r)));
  }
  const bad = wb.addWorksheet('差评整改');
  bad.addRow(['号码', '评价', '窗口', '评价时间', '回访期限', '回访时间', '整改期限', '整改时间', '回访评价', '状态', '逾期']);
  for (const f of report.badReviews) {
    bad.addRow([f.number, EVALUATION_LEVELS[f.level as 1 | 2].zh, f.windowId ?? '', f.createdAt, f.callbackDue, f.callbackAt ?? '', f.rectifyDue, f.rectifiedAt ?? '', f.visitorLevel ?? '', STATUS_ZH[f.status] ?? f.status, f.overdue ? '是' : '否']);
  }
  const heat = wb.addWorksheet('分时热力');
  heat.addRow(['星期', ...report.heatmap.hours.map((h) => `${h}时`)]);
  report.heatmap.issued.forEach((row, i) => heat.addRow([`周${report.heatmap.weekdays[i]}`, ...row]));
  for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
