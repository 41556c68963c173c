import { useState } from 'preact/hooks';
import { CalendarClock } from '../shared/clock.js';
import { t } from './i18n.js';
import { AlertList, Devices, HalfHourChart, QueueTable, Suggestions, Totals, WindowGrid } from './monitor-panels.js';
import { useLiveMonitor } from './use-live-monitor.js';

/** The manager's live monitor: used full screen on a wall display and inside the staff console. */
export function MonitorView(p: { hallId: string; token: string; canManage: boolean; dark: boolean; header?: preact.ComponentChildren }) {
  const { data, online, error, reload } = useLiveMonitor(p.hallId, p.token);
  const [flash, setFlash] = useState<string | null>(null);
  if (!data) return <main class="monitor loading">{error ?? '…'}</main>;
  return (
    <main class={`monitor ${p.dark ? 'dark' : 'light'}`} data-monitor-hall={data.hallId}>
      <header class="monitor-header">
        <div>
          <h1>{data.hallName}</h1>
          <div class="subtitle">{t('title')}</div>
        </div>
        <div class={`conn ${online ? 'on' : 'off'}`} data-online={online ? 'true' : 'false'}>
          {online ? t('online') : t('offline')}
        </div>
        {p.header}
        <CalendarClock timeZone={data.timezone} />
      </header>
      {(flash || error) && (
        <p class="flash" role="alert" onClick={() => setFlash(null)}>
          {flash ?? error}
        </p>
      )}
      <Totals totals={data.totals} />
      <div class="monitor-grid">
        <div class="col-main">
          <WindowGrid windows={data.windows} />
          <QueueTable services={data.services} />
          <HalfHourChart chart={data.chart} dark={p.dark} />
        </div>
        <div class="col-side">
          <AlertList alerts={data.alerts} timeZone={data.timezone} token={p.token} canManage={p.canManage} onChange={reload} onError={setFlash} />
          <Suggestions hallId={data.hallId} suggestions={data.suggestions} token={p.token} canManage={p.canManage} onChange={reload} onError={setFlash} />
          <Devices devices={data.devices} />
        </div>
      </div>
    </main>
  );
}
