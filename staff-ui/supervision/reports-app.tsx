import { useEffect, useState } from 'preact/hooks';
import { api } from '../../ui-common/api.js';
import { FollowUpTable } from './follow-up-table.js';
import { AuditList } from './audit-list.js';
import { t } from './i18n.js';
import { download, loadReport, type Filters, type HallFacts, type Report } from './report-api.js';
import { DailyChart, HeatmapChart, ScoreChart } from './report-charts.js';
import { ServiceTable, StaffTable, TotalsCards, WindowTable } from './report-tables.js';
import { WeightsEditor } from './weights-editor.js';
import { GROUPINGS, PRESETS, presetRange, type Preset } from '../../server/domain/report-periods.js';

function initialFilters(): Filters {
  const q = new URLSearchParams(window.location.search);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return { from: q.get('from') ?? today, to: q.get('to') ?? today, departmentId: '', serviceId: '', windowId: '', staffId: '', group: q.get('group') ?? '' };
}

const PRESET_LABEL = {
  today: 'presetToday',
  'this-week': 'presetWeek',
  'this-month': 'presetMonth',
  'last-month': 'presetLastMonth',
  'this-quarter': 'presetQuarter',
  'this-year': 'presetYear',
} as const;
const GROUP_LABEL = { day: 'groupDay', week: 'groupWeek', month: 'groupMonth', quarter: 'groupQuarter' } as const;

function Select(p: { label: string; name: string; value: string; options: { id: string; name: string }[]; onChange(v: string): void }) {
  return (
    <label>
      {p.label}
      <select name={p.name} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value)}>
        <option value="">{t('all')}</option>
        {p.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** 统计报表: filters, figures, charts, scores, follow-ups and the audit trail; exports and print. */
export function ReportsApp(p: { hallId: string; token: string }) {
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [facts, setFacts] = useState<HallFacts | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [staffOptions, setStaffOptions] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const set = (k: keyof Filters) => (v: string) => setFilters({ ...filters, [k]: v });
  const run = (f: Filters = filters) => {
    setError(null);
    loadReport(p.token, p.hallId, f)
      .then((r) => {
        setReport(r);
        setStaffOptions((old) => [...new Map([...old, ...r.staff.map((s) => ({ id: s.staffId, name: s.staffName }))].map((o) => [o.id, o])).values()]);
        setVersion((v) => v + 1);
      })
      .catch((e: Error) => setError(t('failed', { message: e.message })));
  };
  useEffect(() => {
    api<HallFacts>(`/api/halls/${encodeURIComponent(p.hallId)}`, { token: p.token })
      .then(setFacts)
      .catch(() => {});
    run();
  }, []);
  // the hall's today, not the browser's: the report's days are the hall's
  const hallToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: report?.timezone ?? 'Asia/Shanghai' }).format(new Date());
  const preset = (k: Preset) => {
    const next = { ...filters, ...presetRange(k, hallToday()), group: '' };
    setFilters(next);
    run(next);
  };
  const regroup = (g: string) => {
    const next = { ...filters, group: g };
    setFilters(next);
    run(next);
  };
  const exportAs = (format: 'csv' | 'xlsx') => download(p.token, p.hallId, filters, format).catch((e: Error) => setError(t('failed', { message: e.message })));
  return (
    <div class="reports">
      <div class="presets no-print" role="group" aria-label={t('period')}>
        {PRESETS.map((k) => (
          <button type="button" class="btn btn-small" key={k} data-preset={k} onClick={() => preset(k)}>
            {t(PRESET_LABEL[k])}
          </button>
        ))}
        <label>
          {t('grouping')}
          <select name="group" value={filters.group || report?.periods.group || ''} onChange={(e) => regroup(e.currentTarget.value)}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(GROUP_LABEL[g])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <form
        class="filters no-print"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          {t('from')}
          <input type="date" name="from" value={filters.from} onInput={(e) => set('from')(e.currentTarget.value)} />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" value={filters.to} onInput={(e) => set('to')(e.currentTarget.value)} />
        </label>
        <Select label={t('department')} name="departmentId" value={filters.departmentId} options={facts?.departments ?? []} onChange={set('departmentId')} />
        <Select
          label={t('service')}
          name="serviceId"
          value={filters.serviceId}
          options={(facts?.services ?? []).filter((s) => !filters.departmentId || s.departmentId === filters.departmentId)}
          onChange={set('serviceId')}
        />
        <Select
          label={t('window')}
          name="windowId"
          value={filters.windowId}
          options={(facts?.windows ?? []).map((w) => ({ id: w.id, name: w.name }))}
          onChange={set('windowId')}
        />
        <Select label={t('staff')} name="staffId" value={filters.staffId} options={staffOptions} onChange={set('staffId')} />
        <button class="btn btn-primary" type="submit" data-action="run-report">
          {t('run')}
        </button>
        <button class="btn" type="button" data-action="export-csv" onClick={() => exportAs('csv')}>
          {t('csv')}
        </button>
        <button class="btn" type="button" data-action="export-xlsx" onClick={() => exportAs('xlsx')}>
          {t('xlsx')}
        </button>
        <button class="btn" type="button" data-action="print" onClick={() => window.print()}>
          {t('print')}
        </button>
      </form>
      {error && (
        <p class="flash error" role="alert">
          {error}
        </p>
      )}
      {!report ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        <div data-report-ready={`${report.from}/${report.to}`}>
          <h2 class="print-title">
            {report.hallName} · {report.from} — {report.to}
          </h2>
          <TotalsCards report={report} />
          <div class="chart-row">
            <section class="block">
              <h3>{t('daily')}</h3>
              <DailyChart report={report} />
            </section>
            <section class="block">
              <h3>{t('scores')}</h3>
              <ScoreChart report={report} />
            </section>
          </div>
          <section class="block">
            <h3>{t('heatmap')}</h3>
            <HeatmapChart report={report} />
          </section>
          <section class="block">
            <h3>{t('byWindow')}</h3>
            <WindowTable report={report} />
          </section>
          <section class="block">
            <h3>{t('byStaff')}</h3>
            <StaffTable report={report} />
          </section>
          <section class="block">
            <h3>{t('byService')}</h3>
            <ServiceTable report={report} />
          </section>
          <section class="block">
            <h3>{t('followUps')}</h3>
            <FollowUpTable report={report} token={p.token} onChange={run} onError={setError} />
          </section>
          <section class="block">
            <h3>{t('audit')}</h3>
            <AuditList hallId={p.hallId} token={p.token} from={report.from} to={report.to} version={version} timeZone={report.timezone} />
          </section>
          <section class="block no-print">
            <h3>{t('weights')}</h3>
            <WeightsEditor hallId={p.hallId} token={p.token} onSaved={run} onError={setError} />
          </section>
        </div>
      )}
    </div>
  );
}
