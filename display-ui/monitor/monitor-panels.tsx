import { useState } from 'preact/hooks';
import { api } from '../../ui-common/api.js';
import { EChart } from './echart.js';
import { t } from './i18n.js';
import type { LiveMonitor } from './use-live-monitor.js';

export function Totals(p: { totals: LiveMonitor['totals'] }) {
  const items: [string, string | number, string][] = [
    ['issued', p.totals.issued, t('issued')],
    ['waiting', p.totals.waiting, t('waiting')],
    ['served', p.totals.served, t('served')],
    ['noShow', p.totals.noShow, t('noShow')],
    ['transferred', p.totals.transferred, t('transferred')],
    ['meanWait', p.totals.meanWaitMinutes === null ? '—' : t('minutesShort', { n: p.totals.meanWaitMinutes }), t('meanWait')],
    ['badReviews', p.totals.badReviews, t('badReviews')],
  ];
  return (
    <section class="totals">
      {items.map(([key, value, label]) => (
        <div class={`total ${key === 'badReviews' && p.totals.badReviews > 0 ? 'bad' : ''}`} data-total={key} key={key}>
          <div class="total-value">{value}</div>
          <div class="total-label">{label}</div>
        </div>
      ))}
    </section>
  );
}

export function WindowGrid(p: { windows: LiveMonitor['windows'] }) {
  return (
    <section class="panel windows-panel">
      <h2>{t('windows')}</h2>
      <div class="window-grid">
        {p.windows.map((w) => (
          <div class={`window-card ${w.status}`} key={w.id} data-monitor-window={w.id} data-status={w.status} data-current={w.current?.number ?? ''}>
            <div class="window-number">{w.number}</div>
            <div class="window-body">
              <div class="window-status">
                {t(`status_${w.status}`)}
                {w.staffName ? ` · ${w.staffName}` : ''}
              </div>
              <div class="window-current">
                {w.current
                  ? t('currentFor', { number: w.current.number, n: w.current.minutes ?? 0 })
                  : w.status === 'paused'
                    ? t('pausedFor', { n: w.statusMinutes ?? 0 }) + (w.reason ? ` · ${w.reason}` : '')
                    : w.status === 'open'
                      ? t('idle')
                      : ''}
              </div>
              <div class="window-served">{t('servedToday', { n: w.servedToday })}</div>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

export function QueueTable(p: { services: LiveMonitor['services'] }) {
  return (
    <section class="panel">
      <h2>{t('services')}</h2>
      <table class="queue-table">
        <thead>
          <tr>
            <th>{t('service')}</th>
            <th>{t('waiting')}</th>
            <th>{t('longestWait')}</th>
            <th>{t('estimate')}</th>
            <th>{t('windowsServing')}</th>
          </tr>
        </thead>
        <tbody>
          {p.services.map((s) => (
            <tr key={s.id} data-service-row={s.id} data-waiting={s.waiting}>
              <td>
                <b>{s.prefix}</b> {s.name}
              </td>
              <td class="num">{s.waiting}</td>
              <td class={`num ${s.longestWaitMinutes >= 20 ? 'bad' : s.longestWaitMinutes >= 10 ? 'warn' : ''}`}>
                {t('minutesShort', { n: s.longestWaitMinutes })}
              </td>
              <td class="num">{t('minutesShort', { n: s.estimatedWaitMinutes })}</td>
              <td>{s.openWindowNumbers.length ? s.openWindowNumbers.join('、') : <span class="warn">{t('noWindowOpen')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AlertList(p: {
  alerts: LiveMonitor['alerts'];
  timeZone: string;
  token: string;
  canManage: boolean;
  onChange(): void;
  onError(m: string): void;
}) {
  async function acknowledge(id: number) {
    const note = window.prompt(t('notePrompt')) ?? '';
    try {
      await api(`/api/supervision/alerts/${id}/acknowledge`, { token: p.token, body: note.trim() ? { note: note.trim() } : {} });
      p.onChange();
    } catch (e) {
      p.onError(t('failed', { message: (e as Error).message }));
    }
  }
  const time = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: p.timeZone });
  return (
    <section class="panel alerts-panel">
      <h2>
        {t('alerts')} <span class="count">{p.alerts.filter((a) => !a.ackAt && !a.resolvedAt).length}</span>
      </h2>
      {p.alerts.length === 0 && <p class="muted">{t('noAlerts')}</p>}
      <ul class="alert-list">
        {p.alerts.map((a) => (
          <li
            key={a.id}
            class={`alert level-${a.level} ${a.resolvedAt ? 'resolved' : ''} ${a.ackAt ? 'acked' : ''}`}
            data-alert-id={a.id}
            data-alert-kind={a.kind}
            data-alert-level={a.level}
            data-acknowledged={a.ackAt ? 'true' : 'false'}
          >
            <span class="alert-level">{t(`level${a.level as 1 | 2 | 3}`)}</span>
            <span class="alert-time">{time(a.raisedAt)}</span>
            <span class="alert-message">{a.message}</span>
            {a.resolvedAt && <span class="alert-tag">{t('resolved')}</span>}
            {'tickets' in a && a.tickets && a.tickets.length > 0 && <TicketDetail tickets={a.tickets} />}
            {a.ackAt ? (
              <span class="alert-ack">
                {t('acknowledgedBy', { who: a.ackByName ?? a.ackBy ?? '', time: time(a.ackAt) })}
                {a.ackNote ? ` · ${a.ackNote}` : ''}
              </span>
            ) : (
              p.canManage && (
                <button class="btn-small" data-action="acknowledge" onClick={() => acknowledge(a.id)}>
                  {t('acknowledge')}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** a queue alert's tickets, one click away */
function TicketDetail(p: { tickets: { ticketId: string; number: string; minutes: number }[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button class="link alert-detail-toggle" data-action="alert-detail" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('hideDetail') : t('showDetail', { n: p.tickets.length })}
      </button>
      {open && (
        <ul class="alert-tickets" data-alert-tickets>
          {p.tickets.map((x) => (
            <li key={x.ticketId} data-ticket-number={x.number}>
              {x.number} · {t('minutesShort', { n: x.minutes })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Suggestions(p: {
  hallId: string;
  suggestions: LiveMonitor['suggestions'];
  token: string;
  canManage: boolean;
  onChange(): void;
  onError(m: string): void;
}) {
  if (p.suggestions.length === 0) return null;
  async function apply(s: LiveMonitor['suggestions'][number]) {
    try {
      await api(`/api/supervision/halls/${encodeURIComponent(p.hallId)}/balance`, { token: p.token, body: { windowId: s.windowId, serviceId: s.serviceId } });
      p.onChange();
    } catch (e) {
      p.onError(t('failed', { message: (e as Error).message }));
    }
  }
  return (
    <section class="panel suggestions-panel">
      <h2>{t('suggestions')}</h2>
      {p.suggestions.map((s) => (
        <div class="suggestion" key={`${s.serviceId}/${s.windowId}`} data-suggestion={`${s.serviceId}/${s.windowId}`}>
          <span>{t('suggestionText', { service: s.serviceName, n: s.waiting, window: s.windowNumber })}</span>
          {p.canManage && (
            <button class="btn-small" data-action="apply-balance" onClick={() => apply(s)}>
              {t('apply')}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}

export function Devices(p: { devices: LiveMonitor['devices'] }) {
  const bad = p.devices.filter((d) => d.status !== 'online');
  return (
    <section class="panel devices-panel">
      <h2>{t('devices')}</h2>
      {bad.length === 0 ? (
        <p class="ok">
          {t('devicesOk')} ({p.devices.length})
        </p>
      ) : (
        <ul class="device-list">
          {bad.map((d) => (
            <li key={d.id} class={`device ${d.status}`} data-device={d.id} title={d.lastError ?? ''}>
              <b>{d.name}</b> · {t(`device_${d.status}`)}
              {d.reason ? ` · ${d.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HalfHourChart(p: { chart: LiveMonitor['chart']; dark: boolean }) {
  const c = p.chart;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: c.labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('waitingToday'), type: 'line', data: c.waitingToday, smooth: true, lineStyle: { width: 3 } },
      { name: t('waitingAverage'), type: 'line', data: c.waitingAverage, lineStyle: { type: 'dashed' } },
      { name: t('servedTodaySeries'), type: 'bar', data: c.servedToday },
      { name: t('servedAverage'), type: 'line', data: c.servedAverage, lineStyle: { type: 'dotted' } },
    ],
  };
  return (
    <section class="panel chart-panel">
      <h2>{t('chart')}</h2>
      <EChart name="half-hour" option={option} height={260} dark={p.dark} />
    </section>
  );
}
