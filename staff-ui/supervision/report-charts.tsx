import { EChart } from '../../display-ui/monitor/echart.js';
import { lang, t } from './i18n.js';
import type { Report } from './report-api.js';

const HOURS = Array.from({ length: 12 }, (_, i) => i + 7);
const WEEKDAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** issued and served per day, week, month or quarter (the report's grouping) */
export function DailyChart(p: { report: Report }) {
  const rows = p.report.periods.rows;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((d) => d.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('issued'), type: 'bar', data: rows.map((d) => d.issued) },
      { name: t('served'), type: 'bar', data: rows.map((d) => d.served) },
    ],
  };
  return (
    <div data-periods={rows.length} data-grouping={p.report.periods.group}>
      <EChart name="daily" option={option} height={240} />
    </div>
  );
}

export function HeatmapChart(p: { report: Report }) {
  const h = p.report.heatmap;
  const data = h.issued.flatMap((row, day) => HOURS.map((hour, x) => [x, day, row[hour] ?? 0]));
  const max = Math.max(1, ...data.map((d) => d[2]!));
  const option = {
    tooltip: { position: 'top' },
    grid: { left: 48, right: 16, top: 8, bottom: 84 },
    xAxis: { type: 'category', data: HOURS.map((x) => `${x}:00`), splitArea: { show: true } },
    yAxis: { type: 'category', inverse: true, data: h.weekdays.map((d, i) => (lang === 'en' ? WEEKDAY_EN[i] : `周${d}`)), splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f1f6ff', '#2f6fed', '#b3261e'] } },
    series: [{ name: t('issued'), type: 'heatmap', data, label: { show: true } }],
  };
  return <EChart name="heatmap" option={option} height={300} />;
}

export function ScoreChart(p: { report: Report }) {
  const rows = p.report.staff.filter((r) => r.score.total !== null).reverse(); // the unranked have no bar
  const option = {
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', data: rows.map((r) => r.staffName) },
    series: [{ name: t('score'), type: 'bar', data: rows.map((r) => r.score.total), label: { show: true, position: 'right' } }],
  };
  return <EChart name="scores" option={option} height={Math.max(120, 36 * rows.length + 40)} />;
}
