import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketStatusDto } from '../../server/contract/dto.js';
import { currentLang, saveLang, type Lang } from '../../ui-common/i18n.js';
import { localName, stringsFor, type T } from '../shared/strings.js';
import { aheadOf, waitText } from '../shared/wait-text.js';
import { EvaluationForm } from './evaluation-form.js';
import { FollowUp } from './follow-up.js';
import { useTicketStatus } from './use-ticket-status.js';

/** At or below this many people ahead the visitor is told to come to the windows. */
export const NEAR_AHEAD = 3;

type Alert = 'near' | 'called' | null;

function alertOf(s: TicketStatusDto): Alert {
  if (s.status === 'called') return 'called';
  if ((s.status === 'waiting' || s.status === 'transferred') && !s.dayEnded && s.wait?.kind !== 'no-window' && aheadOf(s.wait, s.waitingAhead) <= NEAR_AHEAD)
    return 'near';
  return null;
}

function vibrate(pattern: number[]): void {
  try {
    navigator.vibrate?.(pattern);
  } catch {
    // not every phone lets a page vibrate
  }
}

export function PhoneApp({ ticketId, token, pollSeconds }: { ticketId: string; token: string; pollSeconds: number }) {
  const [lang, setLang] = useState<Lang>(currentLang());
  const [evaluated, setEvaluated] = useState<'thanks' | 'already' | null>(null);
  const { status, invalid, online } = useTicketStatus(ticketId, token, pollSeconds);
  const lastAlert = useRef<string | null>(null);
  const t = stringsFor(lang);
  const alert = status ? alertOf(status) : null;

  useEffect(() => {
    const key = alert ? `${alert}:${status?.windowNumber ?? ''}` : null;
    if (key && key !== lastAlert.current) vibrate(alert === 'called' ? [400, 150, 400, 150, 400] : [200]);
    lastAlert.current = key;
    document.title = alert === 'called' ? `🔔 ${t('calledAlert', { w: status?.windowNumber ?? '' })}` : `${status?.number ?? ''} · ${t('phoneTitle')}`;
  }, [alert, status?.windowNumber, lang]);

  const switchLang = () => {
    const next: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
    saveLang(next);
    setLang(next);
  };
  return (
    <div class="phone" lang={lang}>
      <header class="phone-header">
        <h1>{t('phoneTitle')}</h1>
        <button type="button" class="lang" onClick={switchLang}>
          {t('language')}
        </button>
      </header>
      {!online ? (
        <div class="offline-banner" role="alert" data-offline="true">
          {t('errorOffline')}
        </div>
      ) : null}
      {invalid ? (
        <p class="invalid" role="alert">
          {t('invalidLink')}
        </p>
      ) : !status ? (
        <p class="loading">{t('loading')}</p>
      ) : (
        <main>
          {alert ? <AlertBanner t={t} alert={alert} status={status} /> : null}
          <TicketCard t={t} lang={lang} status={status} />
          {status.materials && status.status !== 'done' ? (
            <section class="materials" data-materials>
              <h2>{t('materialsTitle')}</h2>
              <p>{status.materials}</p>
            </section>
          ) : null}
          {status.status === 'done' ? (
            evaluated || status.evaluated ? (
              <>
                <p class="thanks" data-evaluation="closed">
                  {evaluated === 'thanks' ? t('evaluateThanks') : t('evaluateAlready')}
                </p>
                <FollowUp t={t} ticketId={ticketId} token={token} pollSeconds={pollSeconds} />
              </>
            ) : (
              <EvaluationForm t={t} ticketId={ticketId} token={token} onDone={(already) => setEvaluated(already ? 'already' : 'thanks')} />
            )
          ) : status.dayEnded ? null : (
            <p class="updated">{t('updated')}</p>
          )}
        </main>
      )}
    </div>
  );
}

function AlertBanner({ t, alert, status }: { t: T; alert: Exclude<Alert, null>; status: TicketStatusDto }) {
  return (
    <div class={`alert alert-${alert}`} role="alert" data-alert={alert} data-window-number={status.windowNumber ?? ''}>
      {alert === 'called' ? t('calledAlert', { w: windowOf(t, status) }) : t('nearAlert', { n: aheadOf(status.wait, status.waitingAhead) })}
    </div>
  );
}

/** The window, with its floor when it is not the floor the ticket was taken on. */
export function windowOf(t: T, s: TicketStatusDto): string {
  const w = String(s.windowNumber ?? '');
  return s.windowZoneName ? t('placeOf', { zone: s.windowZoneName, w }) : w;
}

function statusLine(t: T, s: TicketStatusDto): string {
  const w = windowOf(t, s);
  switch (s.status) {
    case 'waiting':
      return s.dayEnded ? t('statusDayEnded') : t('statusWaiting');
    case 'transferred':
      return t('statusTransferred');
    case 'called':
      return t('statusCalled', { w });
    case 'serving':
      return t('statusServing', { w });
    case 'done':
      return t('statusDone');
    case 'no_show':
      return t('statusNoShow');
    case 'cancelled':
      return t('statusCancelled');
  }
}

function TicketCard({ t, lang, status: s }: { t: T; lang: Lang; status: TicketStatusDto }) {
  const queued = s.status === 'waiting' || s.status === 'transferred';
  return (
    <section class="card" data-status={s.status}>
      <p class="service">{localName(lang, { name: s.serviceName, ...(s.serviceNameEn ? { nameEn: s.serviceNameEn } : {}) })}</p>
      <p class="number" data-ticket-number={s.number}>
        {s.number}
      </p>
      <p class={`status status-${s.status}`}>{statusLine(t, s)}</p>
      {queued && s.dayEnded ? (
        <p class="day-ended" role="status" data-day-ended="true">
          {t('dayEnded')}
        </p>
      ) : queued ? (
        <div class="facts">
          <div>
            <span>{t('ahead')}</span>
            <strong data-waiting-ahead={aheadOf(s.wait, s.waitingAhead)}>{aheadOf(s.wait, s.waitingAhead)}</strong>
          </div>
          <div>
            <span>{t('estimatedWait')}</span>
            <strong data-wait={s.wait?.kind ?? ''}>{waitText(t, s.wait, s.estimatedWaitMinutes)}</strong>
          </div>
        </div>
      ) : null}
    </section>
  );
}
