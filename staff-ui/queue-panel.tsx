import type { QueueEntry, TodayCounts } from './console-api.js';
import { t } from './i18n.js';

const CLASS_MARK: Record<string, 'priority' | 'appointment' | 'transferred' | undefined> = {
  priority: 'priority',
  appointment: 'appointment',
  transfer: 'transferred',
  transferred: 'transferred',
};

/** Who waits for this window, in the order call-next will take them; managers may call one out of order. */
export function QueuePanel(p: { queue: QueueEntry[]; serviceName: (id: string) => string; alertMinutes: number; onCallThis?: (entry: QueueEntry) => void }) {
  return (
    <section class="panel queue">
      <h2>
        {t('queueAhead')} <span class="muted">{t('queueCount', { n: p.queue.length })}</span>
      </h2>
      {p.queue.length === 0 && <p class="muted empty-note">{t('queueEmpty')}</p>}
      <ol class="queue-list">
        {p.queue.slice(0, 30).map((q) => {
          const mark = CLASS_MARK[q.queueClass];
          return (
            <li key={q.id} data-queue-number={q.number} data-service-id={q.serviceId} class={q.waitedMinutes >= p.alertMinutes ? 'long-wait' : ''}>
              <span class="q-number">{q.number}</span>
              <span class="q-service">{p.serviceName(q.serviceId)}</span>
              {mark && <span class={`mark mark-${mark}`}>{t(mark)}</span>}
              <span class="q-waited">{t('minutes', { n: q.waitedMinutes })}</span>
              {p.onCallThis && (
                <button type="button" class="btn btn-small" data-call-ticket={q.id} onClick={() => p.onCallThis!(q)}>
                  {t('callThis')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function TodayPanel(p: { today: TodayCounts }) {
  const tiles: [string, number][] = [
    [t('todayServed'), p.today.served],
    [t('todayNoShow'), p.today.noShow],
    [t('todayServing'), p.today.serving],
  ];
  return (
    <section class="panel today">
      <h2>{t('today')}</h2>
      <div class="tiles">
        {tiles.map(([label, n]) => (
          <div class="tile" key={label}>
            <div class="tile-n">{n}</div>
            <div class="tile-label">{label}</div>
          </div>
        ))}
      </div>
    </section>
  );
}
