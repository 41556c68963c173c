import type { BoardWindow } from '../shared/board-state.js';
import { CalendarClock } from '../shared/clock.js';
import { t } from '../shared/i18n.js';

function statusOf(w: BoardWindow): { cls: string; text: string } {
  if (w.status === 'closed') return { cls: 'closed', text: t('statusClosed') };
  if (w.status === 'paused') return { cls: 'paused', text: w.reason ? t('pausedReason', { reason: w.reason }) : t('statusPaused') };
  // a called ticket is not yet being served: the visitor may still be on the way
  if (w.current?.status === 'called') return { cls: 'open', text: t('statusCalled') };
  return { cls: 'open', text: w.current?.status === 'serving' ? t('statusOpen') : t('statusIdle') };
}

/**
 * The screen above one window: its number and name, the ticket being served, and — by the
 * 工作人员身份公开 rule — the staff member's name, photo and employee number. Visitors' data never.
 */
export function WindowBoard(p: { window: BoardWindow; timeZone: string; flashing: boolean }) {
  const w = p.window;
  const s = statusOf(w);
  const current = w.status === 'open' && w.current && w.current.status !== 'transferred' ? w.current : undefined;
  const active = current && (current.status === 'called' || current.status === 'serving');
  return (
    <div class={`window-board wb-${s.cls}`} data-window-id={w.id} data-window-status={w.status}>
      <section class="wb-id">
        <div class="wb-no">{w.number}</div>
        <div class="wb-name">{w.name}</div>
      </section>
      <section class="wb-center">
        {w.status === 'open' ? (
          <>
            <div class="wb-label">{t('currentNumber')}</div>
            <div
              class={`wb-current ${p.flashing ? 'flashing' : ''} ${active ? '' : 'wb-current-past'}`}
              data-current-number={current?.number ?? ''}
              {...(current ? { 'data-call-number': current.number, 'data-window-number': String(w.number) } : {})}
            >
              {current?.number ?? '—'}
            </div>
          </>
        ) : (
          <>
            <div class={`wb-status-big wb-${s.cls}`} data-current-number="">
              {w.status === 'paused' ? t('statusPaused') : s.text}
            </div>
            {w.status === 'paused' && w.reason && (
              <div class="wb-reason" data-pause-reason>
                {w.reason}
              </div>
            )}
          </>
        )}
        <div class={`wb-status status-${s.cls}`} data-window-status-label>
          {s.text}
        </div>
      </section>
      <section class="wb-staff">
        {w.staffName && w.status !== 'closed' ? (
          <>
            <div class="wb-photo" aria-hidden="true">
              <svg viewBox="0 0 64 64">
                <circle cx="32" cy="24" r="13" />
                <path d="M8 62c2-15 12-22 24-22s22 7 24 22z" />
              </svg>
            </div>
            <div class="wb-staff-label">{t('staffOnDuty')}</div>
            <div class="wb-staff-name" data-staff-name>
              {w.staffName}
            </div>
            {w.staffEmployeeNo && (
              <div class="wb-staff-no" data-employee-no>
                {t('employeeNo', { no: w.staffEmployeeNo })}
              </div>
            )}
          </>
        ) : (
          <div class="wb-staff-empty">{t('identityShown')}</div>
        )}
      </section>
      <footer class="wb-foot">
        <span>{t('identityShown')}</span>
        <CalendarClock timeZone={p.timeZone} />
      </footer>
    </div>
  );
}
