import type ExcelJS from 'exceljs';
import { EVALUATION_LEVELS } from '../domain/evaluation.js';
import type { SupervisionReport } from './report.js';
import type { Figures } from './tally.js';

interface Column<R> {
  header: string;
  value: (r: R) => string | number | null;
}
export type ReportTable = 'windows' | 'staff' | 'services';

const STATUS_ZH: Record<string, string> = { open: '待回访', 'called-back': '已回访待整改', rectified: '已整改' };

function figureColumns(marks: readonly number[]): Column<Figures>[] {
  return [
    { header: '叫号数', value: (r) => r.called },
    { header: '办结数', value: (r) => r.served },
    { header: '过号数', value: (r) => r.noShow },
    { header: '转办数', value: (r) => r.transferred },
    { header: '平均等候(分)', value: (r) => r.waitMinutes.mean },
    { header: '等候中位数(分)', value: (r) => r.waitMinutes.p50 },
    { header: '等候P90(分)', value: (r) => r.waitMinutes.p90 },
    { header: '最长等候(分)', value: (r) => r.waitMinutes.max },
    ...marks.map((m, i) => ({ header: `等候超${m}分钟占比(%)`, value: (r: Figures) => r.waitOverShare[i] ?? null })),
    { header: '平均办理(分)', value: (r) => r.serviceMinutes.mean },
    { header: '办理P90(分)', value: (r) => r.serviceMinutes.p90 },
    { header: '平均到窗(分)', value: (r) => r.walkMinutes.mean },
    { header: '在岗(分)', value: (r) => r.openMinutes },
    { header: '暂停(分)', value: (r) => r.pausedMinutes },
    { header: '空闲(分)', value: (r) => r.idleMinutes },
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
    { header: '窗口号', value: (r) => r.windowNumber },
    { header: '窗口', value: (r) => r.windowName },
    { header: '工作人员', value: (r) => r.staffName ?? '' },
    ...(fig as Column<WindowRow>[]),
  ];
  const staff: Column<StaffRow>[] = [
    { header: '工号', value: (r) => r.employeeNo },
    { header: '姓名', value: (r) => r.staffName },
    ...(fig as Column<StaffRow>[]),
    { header: '考核得分', value: (r) => r.score.total ?? '数据不足' },
  ];
  const services: Column<ServiceRow>[] = [
    { header: '事项', value: (r) => r.serviceName },
    { header: '取号数', value: (r) => r.issued },
    { header: '取消数', value: (r) => r.cancelled },
    ...(fig as Column<ServiceRow>[]),
  ];
  return {
    windows: { title: '窗口', columns: windows as Column<unknown>[], rows: report.windows as unknown[] },
    staff: { title: '人员', columns: staff as Column<unknown>[], rows: report.staff as unknown[] },
    services: { title: '事项', columns: services as Column<unknown>[], rows: report.services as unknown[] },
  };
}

/**
 * Text that a spreadsheet would run as a formula (a staff name "=HYPERLINK(…)", a comment
 * "+1…") gets a leading apostrophe: shown as typed, never evaluated. Numbers stay numbers.
 */
export function safeCell<T>(v: T): T | string {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(safeCell(v));
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
    ['大厅', report.hallName],
    ['起始日期', report.from],
    ['结束日期', report.to],
    ['取号数', t.issued],
    ['叫号数', t.called],
    ['办结数', t.served],
    ['过号数', t.noShow],
    ['转办数', t.transferred],
    ['取消数', t.cancelled],
    ['预约到场', t.appointmentsKept],
    ['预约爽约', t.appointmentsMissed],
    ['等候中位数(分)', t.waitMinutes.p50],
    ['等候P90(分)', t.waitMinutes.p90],
    ['最长等候(分)', t.waitMinutes.max],
    ...report.waitMarks.map((m, i) => [`等候超${m}分钟占比(%)`, t.waitOverShare[i] ?? null] as [string, number | null]),
    ['平均办理(分)', t.serviceMinutes.mean],
    ['办理P90(分)', t.serviceMinutes.p90],
    ['平均到窗(分)', t.walkMinutes.mean],
    ['满意率(%)', t.satisfactionRate],
    ['差评数', t.badReviews],
  ];
}

/** CJK characters take two columns in Excel's width units */
const textWidth = (v: unknown) => [...String(v ?? '')].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);

/** header row frozen and bold, filters on it, columns as wide as their longest cell (capped) */
function tidy(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  if (ws.columnCount > 0 && ws.rowCount > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columnCount } };
  ws.columns.forEach((col) => {
    let width = 6;
    col.eachCell?.({ includeEmpty: false }, (cell) => {
      width = Math.max(width, textWidth(cell.value) + 2);
    });
    col.width = Math.min(width, 50);
  });
}

const addRow = (ws: ExcelJS.Worksheet, values: unknown[]) => ws.addRow(values.map((v) => safeCell(v ?? '')));

/** The same report over one day or month of the range, for its own sheet. */
export interface PeriodReport {
  label: string;
  report: SupervisionReport;
}

/** a period's sheet: its windows and staff as in 窗口, then the period's 合计 */
function addPeriodSheet(wb: ExcelJS.Workbook, p: PeriodReport): void {
  const t = tables(p.report).windows;
  const ws = wb.addWorksheet(p.label);
  addRow(
    ws,
    t.columns.map((c) => c.header),
  );
  for (const r of p.report.windows)
    addRow(
      ws,
      t.columns.map((c) => c.value(r)),
    );
  const totals = p.report.totals as unknown as WindowRow;
  addRow(ws, ['合计', '', '', ...t.columns.slice(3).map((c) => c.value(totals))]);
}

/**
 * The whole report as an Excel workbook: 总览, 窗口, 人员, 事项, 差评整改, 分时热力, and a
 * sheet per day or month when the range spans several (`periods`).
 */
export async function reportXlsx(report: SupervisionReport, periods: readonly PeriodReport[] = []): Promise<Buffer> {
  // loaded on the first export, not at start: exceljs takes ~0.3 s of CPU to load, and few servers ever export
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  wb.creator = 'Hall Queue';
  const summary = wb.addWorksheet('总览');
  addRow(summary, ['指标', '数值', '范围']);
  const hallWide = new Set(report.scope.hallWide);
  const KEY_OF: Record<string, string> = { 取号数: 'issued', 取消数: 'cancelled', 预约到场: 'appointmentsKept', 预约爽约: 'appointmentsMissed' };
  for (const r of summaryRows(report)) addRow(summary, [...r, hallWide.has(KEY_OF[r[0]] ?? '') ? '全厅' : '']);
  for (const t of Object.values(tables(report))) {
    const ws = wb.addWorksheet(t.title);
    addRow(
      ws,
      t.columns.map((c) => c.header),
    );
    for (const r of t.rows)
      addRow(
        ws,
        t.columns.map((c) => c.value(r)),
      );
  }
  const bad = wb.addWorksheet('差评整改');
  addRow(bad, [
    '号码',
    '评价',
    '事项',
    '窗口',
    '工作人员',
    '评价标签',
    '群众意见',
    '评价时间',
    '回访期限',
    '回访时间',
    '整改期限',
    '整改时间',
    '回访评价',
    '状态',
    '逾期',
  ]);
  for (const f of report.badReviews) {
    addRow(bad, [
      f.number,
      EVALUATION_LEVELS[f.level as 1 | 2].zh,
      f.serviceName ?? '',
      f.windowName ?? '',
      f.staffName ?? '',
      f.tags.join('、'),
      f.comment,
      f.createdAtLocal ?? '',
      f.callbackDue,
      f.callbackAtLocal ?? '',
      f.rectifyDue,
      f.rectifiedAtLocal ?? '',
      f.visitorLevel ? EVALUATION_LEVELS[f.visitorLevel as 1 | 2 | 3 | 4 | 5].zh : '',
      STATUS_ZH[f.status] ?? f.status,
      f.overdue ? '是' : '否',
    ]);
  }
  const heat = wb.addWorksheet('分时热力');
  addRow(heat, ['星期', ...report.heatmap.hours.map((h) => `${h}时`)]);
  report.heatmap.issued.forEach((row, i) => addRow(heat, [`周${report.heatmap.weekdays[i]}`, ...row]));
  for (const p of periods) addPeriodSheet(wb, p);
  for (const ws of wb.worksheets) tidy(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
