import { t } from './i18n.js';
import type { Report } from './report-api.js';

type Figures = Report['totals'];
const m = (v: number | null) => (v === null ? t('none') : t('minutes', { n: v }));
const pct = (v: number | null) => (v === null ? t('none') : t('percent', { n: v }));

function figureCells(r: Omit<Figures, 'issued' | 'cancelled' | 'appointmentsKept' | 'appointmentsMissed'>, withTime = true) {
  return [
    r.called,
    r.served,
    r.noShow,
    r.transferred,
    m(r.waitMinutes.p50),
    m(r.waitMinutes.p90),
    m(r.waitMinutes.max),
    ...r.waitOverShare.map(pct),
    m(r.serviceMinutes.mean),
    m(r.serviceMinutes.p90),
    m(r.walkMinutes.mean),
    ...(withTime ? [m(r.openMinutes), m(r.pausedMinutes), m(r.idleMinutes)] : [t('none'), t('none'), t('none')]),
    pct(r.satisfactionRate),
    r.badReviews,
  ];
}

function figureHeads(marks: number[]) {
  return [
    t('called'),
    t('served'),
    t('noShow'),
    t('transferred'),
    t('waitP50'),
    t('waitP90'),
    t('waitMax'),
    ...marks.map((mark) => t('waitOver', { m: mark })),
    t('serviceMean'),
    t('serviceP90'),
    t('walkMean'),
    t('openTime'),
    t('pausedTime'),
    t('idleTime'),
    t('satisfaction'),
    t('badReviews'),
  ];
}

export function TotalsCards(p: { report: Report }) {
  const r = p.report.totals;
  const cards: [string, string | number][] = [
    [t('issued'), r.issued],
    [t('served'), r.served],
    [t('noShow'), r.noShow],
    [t('transferred'), r.transferred],
    [t('cancelled'), r.cancelled],
    [t('waitP50'), m(r.waitMinutes.p50)],
    [t('waitP90'), m(r.waitMinutes.p90)],
    [t('waitMax'), m(r.waitMinutes.max)],
    ...p.report.waitMarks.map((mark, i) => [t('waitOver', { m: mark }), pct(r.waitOverShare[i] ?? null)] as [string, string]),
    [t('serviceMean'), m(r.serviceMinutes.mean)],
    [t('walkMean'), m(r.walkMinutes.mean)],
    [t('satisfaction'), pct(r.satisfactionRate)],
    [t('badReviews'), r.badReviews],
    [t('appointmentsKept'), r.appointmentsKept],
    [t('appointmentsMissed'), r.appointmentsMissed ?? t('none')],
  ];
  // figures a window/staff filter cannot narrow are the hall's: said on the card, not mixed in silently
  const hallWide = new Set(p.report.scope.hallWide.map((k) => t(k as 'issued')));
  return (
    <div class="cards">
      {cards.map(([label, value]) => (
        <div class="card" key={label} data-hall-wide={hallWide.has(label) ? 'true' : undefined}>
          <div class="card-value">{value}</div>
          <div class="card-label">
            {label}
            {hallWide.has(label) && <span class="hall-wide">{t('hallWide')}</span>}
          </div>
        </div>
      ))}
    </div>
  );
}

export function WindowTable(p: { report: Report }) {
  return (
    <table class="report-table" data-table="windows">
      <thead>
        <tr>
          <th>{t('window')}</th>
          <th>{t('staff')}</th>
          {figureHeads(p.report.waitMarks).map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.report.windows.length === 0 && (
          <tr>
            <td colSpan={22}>{t('noRows')}</td>
          </tr>
        )}
        {p.report.windows.map((r) => (
          <tr key={`${r.windowId}/${r.staffId}`} data-row={`${r.windowId}/${r.staffId ?? ''}`}>
            <td>{r.windowName}</td>
            <td>{r.staffName ?? ''}</td>
            {figureCells(r).map((c, i) => (
              <td class="num" key={i}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StaffTable(p: { report: Report }) {
  return (
    <table class="report-table" data-table="staff">
      <thead>
        <tr>
          <th>{t('staff')}</th>
          <th>{t('score')}</th>
          <th>{t('breakdown')}</th>
          <th>{t('served')}</th>
          <th>{t('waitP50')}</th>
          <th>{t('serviceMean')}</th>
          <th>{t('satisfaction')}</th>
          <th>{t('badReviews')}</th>
          <th>{t('pausedTime')}</th>
        </tr>
      </thead>
      <tbody>
        {p.report.staff.map((r) => (
          <tr key={r.staffId} data-staff-row={r.staffId}>
            <td>
              {r.staffName} <span class="muted">{r.employeeNo}</span>
            </td>
            <td class="num score" data-ranked={r.score.ranked ? 'true' : 'false'}>
              {r.score.total ?? t('notEnoughData')}
            </td>
            <td class="breakdown">
              {r.score.parts
                .filter((part) => part.weight > 0)
                .map((part) => (
                  <span key={part.criterion} data-criterion={part.criterion} title={`${t('value')}: ${part.value ?? t('none')}`}>
                    {t(`criterion_${part.criterion}`)} {part.points === null ? t('notEnoughData') : `${part.points}/${part.weight}`}
                  </span>
                ))}
            </td>
            <td class="num">{r.served}</td>
            <td class="num">{m(r.waitMinutes.p50)}</td>
            <td class="num">{m(r.serviceMinutes.mean)}</td>
            <td class="num">{pct(r.satisfactionRate)}</td>
            <td class="num">{r.badReviews}</td>
            <td class="num">{m(r.pausedMinutes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServiceTable(p: { report: Report }) {
  return (
    <table class="report-table" data-table="services">
      <thead>
        <tr>
          <th>{t('service')}</th>
          <th>{t('issued')}</th>
          <th>{t('cancelled')}</th>
          {figureHeads(p.report.waitMarks).map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.report.services.map((r) => (
          <tr key={r.serviceId}>
            <td>{r.serviceName}</td>
            <td class="num">{r.issued}</td>
            <td class="num">{r.cancelled}</td>
            {figureCells(r, false).map((c, i) => (
              <td class="num" key={i}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
